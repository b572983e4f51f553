"""Planning an activity through its pages: the form adapts to the kind, the rule makes the days (non-school days
skipped), bad input is said clearly and saves nothing, and changing the times tells the people taking part once."""

import datetime
import html

import pytest
from django.urls import reverse

from activities.models import Activity, Occurrence
from schools.models import NonSchoolDay
from tests.activities.factories import ActivityFactory, ParticipantFactory
from tests.schools.factories import BellScheduleFactory, PeriodFactory, TermFactory

from .conftest import next_weekday

pytestmark = pytest.mark.django_db


def add_url(setup):
    return reverse("activities:add") + f"?program={setup.program.pk}"


def form_data(world, **changes):
    monday = next_weekday(0)
    data = {
        "title": "Lunch bunch",
        "kind": "lunch_group",
        "term": world.term.pk,
        "repeats": "weekly",
        "weekdays": ["0", "2"],
        "period": world.period.pk,
        "first_date": monday.isoformat(),
        "last_date": (monday + datetime.timedelta(days=18)).isoformat(),
        "place": "Cafeteria, table 4",
        "supervisors": [world.user("coordinator").pk],
        "capacity": "",
        "inclusive": "",
    }
    data.update(changes)
    return data


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_weekly_activity_on_a_period_makes_its_days_and_skips_a_non_school_day(client_for, world, setup):
    monday = next_weekday(0)
    NonSchoolDay.objects.create(school=world.school, date=monday + datetime.timedelta(days=7), name="Teacher day")
    response = client_for("coordinator").post(add_url(setup), form_data(world), follow=True)

    activity = Activity.objects.get(title="Lunch bunch")
    days = list(activity.occurrences.values_list("date", flat=True))
    # Mon/Wed for three weeks (six days) less the teacher day.
    assert days == [monday + datetime.timedelta(days=n) for n in (0, 2, 9, 14, 16)]
    assert {(o.starts_at, o.ends_at) for o in activity.occurrences.all()} == {
        (world.period.starts_at, world.period.ends_at)
    }
    assert "The activity is planned: 5 days." in page_text(response)
    assert list(activity.supervisors.all()) == [world.user("coordinator")]
    assert activity.is_inclusive  # a lunch group counts by its kind's rule


def test_daily_on_own_times_to_the_end_of_the_term(client_for, world, setup):
    data = form_data(
        world,
        repeats="daily",
        period="",
        starts_at="07:30",
        ends_at="08:00",
        last_date="",
        title="Morning club",
        kind="club_meeting",
    )
    client_for("coordinator").post(add_url(setup), data)
    activity = Activity.objects.get(title="Morning club")
    dates = list(activity.occurrences.values_list("date", flat=True))
    assert dates[-1] <= world.term.end_date and world.term.end_date - dates[-1] < datetime.timedelta(days=3)
    assert all(d.weekday() < 5 for d in dates)
    assert activity.occurrences.first().starts_at == datetime.time(7, 30)


def test_the_kinds_fields_and_the_inclusive_override(client_for, world, setup):
    data = form_data(
        world,
        kind="unified_sports",
        title="Unified basketball",
        season="Winter 2026",
        coach_name="Coach Diaz",
        coach_trained_on=world.term.start_date.isoformat(),
        inclusive="no",
        event_type="assembly",
    )
    client_for("coordinator").post(add_url(setup), data)
    activity = Activity.objects.get(title="Unified basketball")
    assert (activity.season, activity.coach_name, activity.coach_trained_on) == (
        "Winter 2026",
        "Coach Diaz",
        world.term.start_date,
    )
    assert activity.event_type == ""  # not an event: the type is not kept
    assert activity.inclusive_override is False and not activity.is_inclusive


def test_the_form_explains_the_kinds_default(client_for, setup):
    text = page_text(client_for("coordinator").get(add_url(setup)))
    assert "Special-education classroom period does not" in text
    assert "Inclusive Schools Week" in text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Give the activity a title."),
        ({"weekdays": []}, "weekdays", "Choose at least one school day of the week."),
        ({"weekdays": ["6"]}, "weekdays", "Choose school days from Monday to Friday."),
        (
            {"period": "", "starts_at": "", "ends_at": ""},
            "starts_at",
            "Choose a period of the bell schedule, or give the times it starts and ends.",
        ),
        ({"period": "", "starts_at": "15:00", "ends_at": "14:00"}, "ends_at", "It must end after it starts."),
        ({"period": "", "starts_at": "3pm", "ends_at": "16:00"}, "starts_at", "Enter a time such as 15:30."),
        ({"kind": "inclusive_event"}, "event_type", "Choose the type of event."),
        ({"kind": "unified_sports"}, "season", "Unified sports teams are formed per season: name the season."),
        ({"first_date": "2026-13-40"}, "first_date", "Enter a date such as 2025-09-15."),
        ({"first_date": "2206-09-01"}, "first_date", "Check the year"),
        ({"last_date": "2000-01-01"}, "last_date", "Check the year"),
        ({"capacity": "-3"}, "capacity", "Ensure this value is greater than or equal to 0."),
        ({"kind": "juggling"}, "kind", "Select a valid choice."),
        ({"period": "99999999999999999999"}, "period", "Choose from the list"),
        ({"supervisors": ["99999999999999999999"]}, "supervisors", "Choose a staff member of your school"),
    ],
)
def test_bad_input_is_said_and_nothing_is_saved(client_for, world, setup, changes, field, message):
    response = client_for("coordinator").post(add_url(setup), form_data(world, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in e for e in errors.get(field, [])), errors
    assert not Activity.objects.exists() and not Occurrence.objects.exists()


def test_a_first_day_outside_the_term_and_a_period_of_another_term(client_for, world, setup):
    other_term = TermFactory(
        school=world.school,
        start_date=world.term.end_date + datetime.timedelta(days=1),
        end_date=world.term.end_date + datetime.timedelta(days=90),
    )
    setup.program.terms.add(other_term)
    other_period = PeriodFactory(schedule=BellScheduleFactory(school=world.school, term=other_term), name="Lunch B")
    client = client_for("coordinator")
    late = (world.term.end_date + datetime.timedelta(days=5)).isoformat()
    response = client.post(add_url(setup), form_data(world, first_date=late, last_date=""))
    assert "Choose a first day inside the term" in response.context["form"].errors["first_date"][0]
    response = client.post(add_url(setup), form_data(world, period=other_period.pk))
    assert response.context["form"].errors["period"] == ["Choose a period of this term's bell schedule."]
    assert not Activity.objects.exists()


def test_a_rule_with_no_school_day_is_refused(client_for, world, setup):
    monday = next_weekday(0)
    data = form_data(
        world,
        repeats="weekly",
        weekdays=["4"],
        first_date=monday.isoformat(),
        last_date=(monday + datetime.timedelta(days=2)).isoformat(),
    )
    response = client_for("coordinator").post(add_url(setup), data)
    assert response.status_code == 400
    assert "No school day falls on this rule" in page_text(response)
    assert not Activity.objects.exists()


def test_a_program_of_another_school_or_a_forged_id_is_404(client_for, world, setup):
    client = client_for("other_coordinator")
    assert client.get(add_url(setup)).status_code == 404
    assert client_for("coordinator").get(reverse("activities:add") + "?program=abc").status_code == 404


def test_changing_the_times_moves_the_days_to_come_and_tells_each_person_once(
    client_for, world, setup, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    client.post(add_url(setup), form_data(world))
    activity = Activity.objects.get()
    ParticipantFactory(activity=activity, student=setup.sofia)
    edit = reverse("activities:edit", kwargs={"pk": activity.pk})
    data = form_data(world, period="", starts_at="12:10", ends_at="12:40")
    for _ in range(2):  # the same form sent twice
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit, data)
    assert {o.starts_at for o in activity.occurrences.all()} == {datetime.time(12, 10)}
    assert sorted(m.to[0] for m in mailoutbox) == ["rachel@east.example.org", "sofia@students.east.example.org"]
    assert "12:10–12:40" in mailoutbox[0].body


def test_the_list_groups_by_program_and_filters(client_for, world, setup):
    ActivityFactory(program=setup.program, term=world.term, title="Art club", kind="club_meeting")
    ActivityFactory(
        program=setup.program, term=world.term, title="Field day", kind="inclusive_event", event_type="field_day"
    )
    client = client_for("staff")
    text = page_text(client.get(reverse("activities:index")))
    assert setup.program.name in text and "Art club" in text and "Field day" in text
    text = page_text(client.get(reverse("activities:index") + "?kind=club_meeting"))
    assert "Art club" in text and "Field day" not in text
    # A forged filter value is the field's error and an empty list, never a 500.
    response = client.get(reverse("activities:index") + "?program=99999999999999999999&kind=x")
    assert response.status_code == 200 and "Art club" not in page_text(response)
