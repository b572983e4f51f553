"""The program's pair health: each confirmed pair of the term with this month and the months before from each side,
and its flags (a match problem open, did not meet, no check-in last month); queries do not grow with the pairs; the
exit surveys button."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import SurveyResponse
from evaluation.pairs import selectors
from tests.evaluation.factories import confirmed_pair
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory

from .factories import PairCheckInFactory

pytestmark = pytest.mark.django_db


def health_url(pairs):
    return reverse("evaluation:pair_health", kwargs={"pk": pairs.program.pk})


def rows(pairs):
    return {
        (row.pair.peer.first_name, row.pair.focus_student.first_name): row
        for row in selectors.pair_health(program=pairs.program, term=pairs.term, month=pairs.month)
    }


def test_flags_did_not_meet_no_check_in_and_an_open_problem(world, pairs, client_for):
    last = selectors.add_months(pairs.month, -1)
    PairCheckInFactory(pair=pairs.pair, month=last, side="peer", meetings="none", going="sometimes")
    found = rows(pairs)
    sofia, liam = found[("Sofia", "Noah")], found[("Liam", "Noah")]
    assert sofia.did_not_meet and not sofia.open_problems and not sofia.no_check_in_last_month
    # Liam & Noah (together 40 days) have no check-in for last month, and Liam asked for help this month.
    assert liam.no_check_in_last_month and liam.open_problems == [pairs.other_check_in] and not liam.did_not_meet

    page = client_for("coordinator").get(health_url(pairs)).content.decode()
    assert "Did not meet" in page and "No check-in last month" in page and "Match problem: follow up" in page
    assert "Sofia Ramirez" in page


def test_this_months_did_not_meet_is_not_yet_a_flag(world, pairs):
    PairCheckInFactory(pair=pairs.pair, month=pairs.month, side="peer", meetings="none")
    assert not rows(pairs)[("Sofia", "Noah")].did_not_meet


def test_a_pair_confirmed_this_month_owes_no_check_in_for_last_month(world, pairs):
    peer, student = StudentFactory(school=world.school), FocusStudentFactory(school=world.school)
    pair = confirmed_pair(pairs.program, peer=peer, focus_student=student, term=pairs.term)
    pair.confirmed_at = datetime.datetime.combine(pairs.month, datetime.time(12), tzinfo=datetime.UTC)
    pair.save(update_fields=["confirmed_at"])
    assert not rows(pairs)[(peer.first_name, student.first_name)].no_check_in_last_month


def add_pairs(pairs, world, n):
    for i in range(n):
        peer = StudentFactory(school=world.school, first_name=f"Peer{i}")
        student = FocusStudentFactory(school=world.school, first_name=f"Student{i}")
        for s in (peer, student):
            ProgramParticipantFactory(program=pairs.program, student=s)
        pair = confirmed_pair(pairs.program, peer=peer, focus_student=student, term=pairs.term)
        for months in range(3):
            PairCheckInFactory(pair=pair, month=selectors.add_months(pairs.month, -months), side="peer")
            PairCheckInFactory(
                pair=pair,
                month=selectors.add_months(pairs.month, -months),
                side="focus_student",
                match_problem=i % 2 == 0,
            )


def test_the_page_and_panel_queries_do_not_grow_with_pairs(world, pairs, client_for):
    client = client_for("coordinator")
    client.get(health_url(pairs))
    with CaptureQueriesContext(connection) as few:
        assert client.get(health_url(pairs)).status_code == 200
        client.get(reverse("dashboard"))
    add_pairs(pairs, world, 6)  # 2 pairs → 8 pairs
    with CaptureQueriesContext(connection) as many:
        page = client.get(health_url(pairs)).content.decode()
        client.get(reverse("dashboard"))
    assert "Peer5" in page
    assert len(many) == len(few)


def test_the_exit_surveys_button_offers_them_once(world, pairs, client_for):
    client = client_for("coordinator")
    url = reverse("evaluation:pair_exit_surveys", kwargs={"pk": pairs.pair.pk})
    assert client.post(url).status_code == 302
    client.post(url)
    responses = SurveyResponse.objects.filter(program=pairs.program, window=None)
    assert responses.count() == 2
    assert "Exit surveys offered" in client.get(health_url(pairs)).content.decode()


def test_leads_only(world, pairs, client_for):
    assert client_for("staff").get(health_url(pairs)).status_code == 403
    assert client_for("peer").get(health_url(pairs)).status_code == 403
