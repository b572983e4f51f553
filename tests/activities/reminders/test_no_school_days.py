"""A non-school day added after activities were scheduled (schools.calendar, through the core's registry that
activities registers into): the recurring activities' occurrences on it that are not past and whose attendance was
not taken are cancelled ("No school: <name>", SEQUENCE + 1), and each person is told once through the outbox."""

import datetime

import pytest
import time_machine

from activities.models import Repeats
from activities.reminders import services as reminder_services
from activities.services import occurrences_generate
from schools.calendar import registry
from schools.calendar import services as calendar_services
from schools.models import NonSchoolDay
from schools.outbox.models import OutboxItem
from tests.activities.factories import ActivityFactory, AttendanceFactory, east_activity, reminder_activity

D = datetime.date


@pytest.fixture
def setup(world):
    # March 1, 2027: the reminders' week is ahead, whenever the suite runs.
    with time_machine.travel(datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC), tick=False):
        yield reminder_activity(world)


def add(world, first, last=None, name="Teacher work day"):
    return calendar_services.non_school_days_add(school=world.school, first=first, last=last, name=name)


def test_activities_follow_the_calendar_through_the_core_registry():
    assert reminder_services.occurrences_cancel_on_non_school_days in registry._FOLLOWERS


def test_a_new_non_school_day_cancels_the_occurrence_on_it_and_tells_each_person_once(setup, world):
    before = setup.wednesday.sequence
    report = add(world, D(2027, 3, 10))

    setup.wednesday.refresh_from_db()
    setup.monday.refresh_from_db()
    assert setup.wednesday.is_cancelled
    assert setup.wednesday.cancel_reason == "No school: Teacher work day"
    assert setup.wednesday.sequence == before + 1
    assert not setup.monday.is_cancelled
    assert report.followed == [
        "1 activity meeting on these days was cancelled; the people taking part were told by email."
    ]
    notices = OutboxItem.objects.filter(subject="No school: activities cancelled")
    assert sorted(item.to[0] for item in notices) == [
        "east.coordinator@school.example.org",
        "east.peer@school.example.org",
        "east.student@school.example.org",
        "east.teacher@school.example.org",
    ]
    peer = next(item for item in notices if item.to == ["east.peer@school.example.org"])
    assert "Lunch bunch: Wednesday, March 10" in peer.body and "No school: Teacher work day" in peer.body
    assert "Bennett" not in peer.body


def test_a_break_cancels_every_day_of_it_in_one_email_per_person(setup, world):
    add(world, D(2027, 3, 8), D(2027, 3, 12), name="Spring break")
    assert not setup.activity.occurrences.filter(cancelled_at=None).exists()
    notices = OutboxItem.objects.filter(subject="No school: activities cancelled")
    assert notices.count() == 4
    body = notices.first().body
    assert "Monday, March 8" in body and "Wednesday, March 10" in body


def test_the_series_regenerated_keeps_the_day_cancelled(setup, world):
    add(world, D(2027, 3, 10))
    occurrences_generate(activity=setup.activity)
    setup.wednesday.refresh_from_db()
    assert setup.wednesday.is_cancelled


def test_no_reminder_for_the_cancelled_day(setup, world):
    add(world, D(2027, 3, 10))
    tuesday_3pm = datetime.datetime(2027, 3, 9, 21, 1, tzinfo=datetime.UTC)
    assert reminder_services.reminders_send(now=tuesday_3pm) == 0


def test_a_one_off_event_planned_for_that_day_stays(setup, world):
    trip = ActivityFactory(
        program=setup.program, term=setup.term, repeats=Repeats.ONCE, first_date=D(2027, 3, 10), title="Zoo trip"
    )
    occurrences_generate(activity=trip)
    add(world, D(2027, 3, 10))
    assert not trip.occurrences.get().is_cancelled


def test_past_days_and_days_with_attendance_are_left_as_they_were(world):
    objects = east_activity(world)
    taken = objects.upcoming
    AttendanceFactory(occurrence=taken, student=world.peer_student)
    type(taken).objects.filter(pk=taken.pk).update(attendance_taken_at=datetime.datetime.now(datetime.UTC))
    report = calendar_services.non_school_days_add(school=world.school, first=objects.past.date, name="Snow day")
    assert report.followed == []
    calendar_services.non_school_days_add(school=world.school, first=taken.date, name="Snow day")
    objects.past.refresh_from_db()
    taken.refresh_from_db()
    assert not objects.past.is_cancelled and not taken.is_cancelled
    assert not OutboxItem.objects.exists()


def test_a_follower_that_fails_leaves_no_day_saved(setup, world, monkeypatch):
    def broken(*, school, days):
        raise RuntimeError("the activities app failed")

    monkeypatch.setattr(registry, "_FOLLOWERS", [*registry._FOLLOWERS, broken])
    with pytest.raises(RuntimeError):
        add(world, D(2027, 3, 10))
    assert not NonSchoolDay.objects.exists()
    setup.wednesday.refresh_from_db()
    assert not setup.wednesday.is_cancelled
    assert not OutboxItem.objects.exists()
