"""Invitations: one response per respondent of each survey in an open window (peers, focus students, the planning
team, one family per focus student with a guardian's email), made once however often "Invite" is pressed; staff and
families are emailed through the outbox (a link; no student's name, no guardian's name, no answer); peers and
students never. The daily task invites windows that opened."""

import datetime

import pytest
from django.urls import reverse

from evaluation.models import Audience, Survey, SurveyResponse
from evaluation.surveys import services, tasks
from schools.models import OutboxItem
from tests.evaluation.factories import SurveyWindowFactory, east_evaluation
from tests.schools.factories import GuardianFactory

pytestmark = pytest.mark.django_db


def family_window(world, **dates):
    base = east_evaluation(world)
    GuardianFactory(student=world.focus_student, name="Confidential Guardian Name", email="fam@family.example.org")
    family = Survey.objects.get(program=base.program, starter="worth_family")
    window = SurveyWindowFactory(program=base.program, term=base.term, name="End of semester", **dates)
    window.surveys.set([base.peer_reflection, base.student_reflection, base.staff_culture, family])
    return base, window


def survey_emails():
    return list(OutboxItem.objects.filter(key__startswith="survey-invite:"))


def test_each_respondent_is_invited_once_and_only_staff_and_families_are_emailed(world):
    _base, window = family_window(world)
    invited = services.survey_invitations_send(window=window)
    responses = SurveyResponse.objects.filter(window=window)
    by_audience = {a: responses.filter(respondent=a).count() for a in Audience.values}
    # Peers: Sofia and Liam; focus students: Noah; staff: the coordinator and the teacher; families: Noah's.
    assert by_audience == {"peer": 2, "focus_student": 1, "staff": 2, "family": 1}
    assert invited == 6 and all(r.invited_at for r in responses)
    window.refresh_from_db()
    assert window.invited_at is not None
    emails = survey_emails()
    assert sorted(address for e in emails for address in e.to) == sorted(
        ["fam@family.example.org", world.user("coordinator").email, world.user("staff").email]
    )
    for email in emails:
        text = email.subject + email.body
        for name in ("Noah", "Bennett", "Sofia", "Liam", "Confidential Guardian Name"):
            assert name not in text
        assert "http" in email.body
    assert services.survey_invitations_send(window=window) == 0
    assert SurveyResponse.objects.filter(window=window).count() == 6 and len(survey_emails()) == 3


def test_the_familys_email_carries_its_signed_link(world):
    from evaluation.surveys.family_links import family_response_from_token

    _base, window = family_window(world)
    services.survey_invitations_send(window=window)
    family = SurveyResponse.objects.get(window=window, respondent=Audience.FAMILY)
    email = OutboxItem.objects.get(key=f"survey-invite:{family.pk}")
    token = email.body.split("/family/")[1].split("/")[0]
    assert family_response_from_token(token) == family


def test_a_family_without_an_email_gets_no_response(world):
    _base, window = family_window(world)
    world.focus_student.guardians.update(email="")
    services.survey_invitations_send(window=window)
    assert not SurveyResponse.objects.filter(window=window, respondent=Audience.FAMILY).exists()


def test_someone_who_joins_later_is_invited_by_pressing_again(world, client_as):
    from tests.programs.factories import ProgramParticipantFactory
    from tests.schools.factories import StudentFactory

    base, window = family_window(world)
    services.survey_invitations_send(window=window)
    mia = StudentFactory(school=world.school, first_name="Mia")
    ProgramParticipantFactory(program=base.program, student=mia)
    response = client_as(world.user("coordinator")).post(
        reverse("evaluation:survey_window_invite", kwargs={"pk": window.pk}), follow=True
    )
    assert "1 invited" in response.content.decode()
    assert SurveyResponse.objects.filter(window=window, student=mia).count() == 1


def test_a_closed_or_unopened_window_invites_nobody(world, client_as):
    today = datetime.date.today()
    _base, closed = family_window(
        world, opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=1)
    )
    with pytest.raises(Exception, match="closed"):
        services.survey_invitations_send(window=closed)
    response = client_as(world.user("coordinator")).post(
        reverse("evaluation:survey_window_invite", kwargs={"pk": closed.pk}), follow=True
    )
    assert "This window is closed" in response.content.decode()
    assert not SurveyResponse.objects.filter(window=closed).exists()


def test_the_daily_task_invites_a_window_on_the_day_it_opens(world):
    # (The shared mid-term window, open today, is invited by the first run too.)
    today = datetime.date.today()
    _base, window = family_window(
        world, opens_on=today + datetime.timedelta(days=2), closes_on=today + datetime.timedelta(days=14)
    )
    tasks.survey_windows_daily()
    assert not SurveyResponse.objects.filter(window=window).exists()
    services.survey_windows_open(today=today + datetime.timedelta(days=2))
    responses = SurveyResponse.objects.filter(window=window)
    assert responses.count() == 6
    assert OutboxItem.objects.filter(key__in=[f"survey-invite:{r.pk}" for r in responses]).count() == 3


def test_the_window_page_shows_counts_and_the_answer_with_link(surveys, client_as, world):
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("evaluation:survey_window", kwargs={"pk": surveys.base.window.pk}))
        .content.decode()
    )
    assert "Not started: 2 · Started: 0 · Finished: 0" in page  # the peers' reflection
    assert "Not started: 1 · Started: 1 · Finished: 0" in page  # the staff's school culture
    assert "Not started: 0 · Started: 0 · Finished: 1" in page  # Noah's, finished
    assert "Answer with Noah" not in page  # finished: nothing left to answer


def test_an_unfinished_focus_students_row_links_to_the_accessible_form(world, client_as):
    base = east_evaluation(world)
    services.survey_invitations_send(window=base.window)
    response = SurveyResponse.objects.get(window=base.window, respondent=Audience.FOCUS_STUDENT)
    page = (
        client_as(world.user("coordinator"))
        .get(reverse("evaluation:survey_window", kwargs={"pk": base.window.pk}))
        .content.decode()
    )
    assert "Answer with Noah" in page
    assert reverse("evaluation:student_survey", kwargs={"pk": response.pk}) in page
