"""The calendar: week, month and list views; staff see the school's (by program), peers and students their own;
cancelled days struck through with the reason; the list and calendar pages cost the same queries for 1 row or many."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.scheduling import services
from activities.services import occurrences_generate
from tests.activities.factories import ActivityFactory, ParticipantFactory
from tests.programs.factories import ProgramFactory
from tests.schools.factories import StudentFactory

from .conftest import next_weekday

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def calendar(client, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(reverse("activities:calendar") + (f"?{query}" if query else ""))
    assert response.status_code == 200
    return text(response)


@pytest.fixture
def lunch(world, setup):
    monday = next_weekday(0)
    activity = ActivityFactory(
        program=setup.program,
        term=world.term,
        title="Lunch bunch",
        repeats="daily",
        first_date=monday,
        last_date=monday + datetime.timedelta(days=4),
    )
    occurrences_generate(activity=activity)
    ParticipantFactory(activity=activity, student=setup.sofia)
    return activity


def test_week_month_and_list_views(client_for, lunch):
    monday = lunch.first_date
    client = client_for("staff")
    week = calendar(client, view="week", date=monday.isoformat())
    assert week.count("Lunch bunch") == 5
    month = calendar(client, view="month", date=monday.isoformat())
    assert f"{monday:%B %Y}" in month and "Lunch bunch" in month
    listing = calendar(client, view="list", date=monday.isoformat())
    assert f"{monday:%A %B %-d}" in listing and listing.count("Lunch bunch") == 5


def test_a_cancelled_day_is_struck_through_with_the_reason(client_for, lunch):
    occurrence = lunch.occurrences.order_by("date")[2]
    services.occurrence_cancel(occurrence=occurrence, reason="Half day: early dismissal")
    page = calendar(client_for("peer"), view="week", date=lunch.first_date.isoformat())
    assert "<del>15:00–15:45 Lunch bunch</del>" in page
    assert "Half day: early dismissal" in page


def test_staff_filter_by_program_and_peers_see_only_their_own(client_for, world, setup, lunch):
    other_program = ProgramFactory(school=world.school, name="Unified Champions")
    other_program.terms.add(world.term)
    club = ActivityFactory(program=other_program, term=world.term, title="Art club", first_date=lunch.first_date)
    occurrences_generate(activity=club)
    day = lunch.first_date.isoformat()
    staff = client_for("staff")
    assert "Art club" in calendar(staff, view="week", date=day)
    filtered = calendar(staff, view="week", date=day, program=setup.program.pk)
    assert "Art club" not in filtered and "Lunch bunch" in filtered
    peer_page = calendar(client_for("peer"), view="week", date=day)
    assert "Lunch bunch" in peer_page and "Art club" not in peer_page
    # Noah takes part in nothing: his calendar is empty.
    assert "Lunch bunch" not in calendar(client_for("focus_student"), view="week", date=day)


def test_forged_calendar_parameters_show_the_default_view(client_for, lunch):
    client = client_for("coordinator")
    for params in (
        {"view": "year"},
        {"date": "2026-02-31"},
        {"program": "99999999999999999999"},
        {"date": "99999-01-01"},
    ):
        calendar(client, **params)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_activities(world, setup, count):
    for n in range(count):
        activity = ActivityFactory(
            program=setup.program,
            term=world.term,
            title=f"Club {n}",
            repeats="daily",
            first_date=world.term.start_date,
            capacity=3,
        )
        occurrences_generate(activity=activity)
        ParticipantFactory(activity=activity, student=setup.sofia)
        ParticipantFactory(activity=activity, student=setup.mason, status="waitlisted")


@pytest.mark.parametrize("view", ["week", "month", "list"])
def test_calendar_queries_do_not_grow_with_occurrences(client_for, world, setup, view):
    add_activities(world, setup, 1)
    url = reverse("activities:calendar") + f"?view={view}"
    # client_for signs the one test client in as each role in turn.
    few = [queries(client_for(role), url) for role in ("coordinator", "peer")]
    add_activities(world, setup, 6)
    assert [queries(client_for(role), url) for role in ("coordinator", "peer")] == few


def test_list_detail_and_own_page_queries_do_not_grow_with_rows(client_for, world, setup):
    add_activities(world, setup, 1)
    first = setup.program.activities.first()
    pages = [
        ("coordinator", reverse("activities:index")),
        ("peer", reverse("activities:mine")),
        ("coordinator", reverse("activities:detail", kwargs={"pk": first.pk})),
        ("coordinator", reverse("activities:participants", kwargs={"pk": first.pk})),
    ]
    few = [queries(client_for(role), url) for role, url in pages]
    add_activities(world, setup, 6)
    for student in StudentFactory.create_batch(5, school=world.school):
        ParticipantFactory(activity=first, student=student)
    assert [queries(client_for(role), url) for role, url in pages] == few
