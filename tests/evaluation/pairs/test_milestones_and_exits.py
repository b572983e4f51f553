"""Milestones (one month, one semester, one year together, from the pair's first confirmation) on the peer's
dashboard, the partner's name as peers may see it; exit surveys for ended pairs and peers who left, made once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Audience, SurveyResponse
from evaluation.pairs import selectors, services
from recruitment.models import Match

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 2, 27), None),
        (datetime.date(2026, 2, 28), "month"),  # Jan 31 + one month: the end of February
        (datetime.date(2026, 3, 29), "month"),
        (datetime.date(2026, 3, 30), None),  # 30 days on, it is no longer news
        (datetime.date(2026, 6, 14), None),
        (datetime.date(2026, 6, 15), "semester"),  # four and a half months
        (datetime.date(2027, 1, 31), "year"),
        (datetime.date(2027, 3, 10), None),
    ],
)
def test_milestones_from_the_first_day(today, expected):
    milestone = selectors.recent_milestone(START, today)
    assert (milestone.key if milestone else None) == expected


def test_the_peers_dashboard_celebrates_with_the_partners_shared_name(world, pairs, client_for):
    # Sofia & Noah were confirmed 40 days ago (the factory): one month together, ten days ago.
    page = client_for("peer").get(reverse("dashboard")).content.decode()
    assert "You and Noah: one month together!" in page
    assert reverse("evaluation:pair_check_in") in page
    world.focus_student.directory_opt_out = True
    world.focus_student.save(update_fields=["directory_opt_out"])
    page = client_for("peer").get(reverse("dashboard")).content.decode()
    assert "You and Your partner: one month together!" in page and "Noah" not in page


def test_the_first_confirmation_counts_from_an_earlier_term(world, pairs):
    earlier = world.term.__class__.objects.create(
        school=world.school,
        name="Spring before",
        start_date=world.term.start_date - datetime.timedelta(days=200),
        end_date=world.term.start_date - datetime.timedelta(days=100),
    )
    Match.objects.create(
        program=pairs.program,
        term=earlier,
        peer=pairs.pair.peer,
        focus_student=pairs.pair.focus_student,
        status=Match.Status.ENDED,
        confirmed_at=timezone.now() - datetime.timedelta(days=365),
    )
    rows = selectors.pair_health(program=pairs.program, term=pairs.term, month=pairs.month)
    sofia = next(row for row in rows if row.pair.pk == pairs.pair.pk)
    assert sofia.started <= timezone.localdate() - datetime.timedelta(days=364)


def exits():
    return SurveyResponse.objects.filter(window=None, survey__kind="exit")


def test_an_ended_pair_gets_exit_surveys_once(world, pairs):
    pairs.pair.status = Match.Status.ENDED
    pairs.pair.save(update_fields=["status"])
    today = timezone.localdate()
    assert services.exit_surveys_offer(program=pairs.program, today=today) == 2
    assert services.exit_surveys_offer(program=pairs.program, today=today) == 0
    peer_side = exits().get(respondent=Audience.PEER)
    student_side = exits().get(respondent=Audience.FOCUS_STUDENT)
    assert (peer_side.student, peer_side.partner) == (world.peer_student, world.focus_student)
    assert (student_side.student, student_side.partner) == (world.focus_student, world.peer_student)
    assert peer_side.survey.starter == "exit_peer" and student_side.survey.starter == "exit_student"
    # Liam & Noah go on: nothing for them.
    assert not exits().filter(student=pairs.other_pair.peer).exists()


def test_a_peer_who_left_gets_exit_surveys(world, pairs):
    participation = pairs.other_pair.peer.program_participations.get(program=pairs.program)
    participation.status, participation.left_on = "left", timezone.localdate()
    participation.save(update_fields=["status", "left_on"])
    assert services.exit_surveys_offer(program=pairs.program, today=timezone.localdate()) == 2
    assert exits().filter(student=pairs.other_pair.peer, partner=world.focus_student).exists()


def test_an_old_ended_pair_is_not_surveyed(world, pairs):
    pairs.pair.status = Match.Status.ENDED
    pairs.pair.save(update_fields=["status"])
    later = world.term.end_date + datetime.timedelta(days=services.EXIT_LOOKBACK_DAYS + 1)
    assert services.exit_surveys_offer(program=pairs.program, today=later) == 0


def test_the_daily_task_runs_every_program(world, pairs):
    from evaluation.pairs.tasks import offer_exit_surveys

    pairs.pair.status = Match.Status.ENDED
    pairs.pair.save(update_fields=["status"])
    assert offer_exit_surveys() == 2 and offer_exit_surveys() == 0
