"""The feed a calendar subscribes to, read back by a real iCalendar parser (``icalendar.Calendar.from_ical``): its
headers, its refresh hints, one event per occurrence with a stable UID, SEQUENCE and LAST-MODIFIED that follow a
change, cancelled occurrences kept as cancelled, times converted from the school's zone, and exactly what its
person may see."""

import datetime

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.feeds import selectors
from activities.models import Participant
from activities.services import occurrences_generate
from tests.activities.factories import (
    ActivityFactory,
    OccurrenceFactory,
    ParticipantFactory,
    east_activity,
    east_feeds,
    feed_made,
)
from tests.schools.factories import FocusStudentFactory, StudentFactory, TermFactory


def fetch(client, token):
    return client.get(reverse("activities:feed", kwargs={"token": token}))


def parsed(client, token) -> icalendar.Calendar:
    response = fetch(client, token)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.events}


def uid_of(occurrence) -> str:
    return f"occurrence-{occurrence.pk}@testserver"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://testserver"


def test_the_feed_is_an_inline_calendar_with_refresh_hints(client, world):
    feeds = east_feeds(world)
    response = fetch(client, feeds.peer_token)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    # Subscribed to, never downloaded as a file.
    assert "Content-Disposition" not in response
    # The project's one rule holds here too; calendar programs poll on their own schedule whatever it says.
    assert "no-store" in response["Cache-Control"]
    # No session was needed or started.
    assert "sessionid" not in response.cookies

    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-calname"]) == "My shared activities (East Elementary)"
    assert str(calendar["name"]) == "My shared activities (East Elementary)"
    assert str(calendar["x-wr-timezone"]) == world.school.time_zone
    body = response.content.decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert "\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    assert calendar["refresh-interval"].dt == datetime.timedelta(hours=1)


def test_one_event_per_occurrence_with_its_title_place_and_times(client, world):
    feeds = east_feeds(world)
    upcoming = feeds.activity.upcoming
    calendar = parsed(client, feeds.peer_token)

    in_window = feeds.activity.activity.occurrences.filter(date__gte=datetime.date.today() - datetime.timedelta(60))
    assert set(events_by_uid(calendar)) == {uid_of(o) for o in in_window}
    event = events_by_uid(calendar)[uid_of(upcoming)]
    assert str(event["summary"]) == "Monday and Wednesday lunch bunch"
    assert str(event["location"]) == "Cafeteria, table 4"
    assert str(event["status"]) == "CONFIRMED"
    assert event["sequence"] == 0
    start = event.DTSTART
    assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(0)
    local = start.astimezone(selectors.school_zone(world.school))
    assert (local.date(), local.time()) == (upcoming.date, upcoming.starts_at)
    assert event.DTEND - start == datetime.timedelta(minutes=upcoming.minutes)
    assert event["last-modified"].dt == upcoming.updated_at.replace(microsecond=0)
    assert event["dtstamp"].dt <= timezone.now()


def test_times_follow_the_school_zone_across_a_daylight_saving_change(world):
    """12:00 at a Chicago school is 18:00 UTC in winter and 17:00 UTC once daylight saving starts (14 March 2027):
    hand-computed, not recomputed the way the code does it."""
    spring = TermFactory(
        school=world.school, name="Spring", start_date=datetime.date(2027, 1, 5), end_date=datetime.date(2027, 5, 28)
    )
    objects = east_activity(world)
    trip = ActivityFactory(
        program=objects.program, term=spring, title="Museum trip", first_date=datetime.date(2027, 3, 12)
    )
    trip.supervisors.add(world.user("staff"))
    before = OccurrenceFactory(activity=trip, starts_at=datetime.time(12), ends_at=datetime.time(13))
    after = OccurrenceFactory(
        activity=trip,
        series_date=datetime.date(2027, 3, 15),
        starts_at=datetime.time(12),
        ends_at=datetime.time(13),
    )
    _, token = feed_made(world, "staff")

    events = selectors.feed_events(open_feed=selectors.feed_by_token(token), today=datetime.date(2027, 3, 10))

    times = {event.uid: (event.start, event.end) for event in events}
    utc = datetime.UTC
    assert times[uid_of(before)] == (
        datetime.datetime(2027, 3, 12, 18, tzinfo=utc),
        datetime.datetime(2027, 3, 12, 19, tzinfo=utc),
    )
    assert times[uid_of(after)] == (
        datetime.datetime(2027, 3, 15, 17, tzinfo=utc),
        datetime.datetime(2027, 3, 15, 18, tzinfo=utc),
    )


def test_an_edit_keeps_the_uid_and_raises_sequence_and_last_modified(client, world):
    """The bell schedule's lunch moves: ``occurrences_generate`` retimes the days to come and raises their SEQUENCE
    (as the scheduling pages do); Google and Outlook see the same event, changed."""
    feeds = east_feeds(world)
    upcoming, past = feeds.activity.upcoming, feeds.activity.past
    first = events_by_uid(parsed(client, feeds.peer_token))
    assert events_by_uid(parsed(client, feeds.peer_token)).keys() == first.keys()  # stable between requests

    world.period.starts_at, world.period.ends_at = datetime.time(12, 30), datetime.time(13, 10)
    world.period.save()
    # A minute later: LAST-MODIFIED is written to the second.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        result = occurrences_generate(activity=feeds.activity.activity)
    assert upcoming.pk in {o.pk for o in result["changed"]}

    second = events_by_uid(parsed(client, feeds.peer_token))
    assert second.keys() == first.keys()
    moved = second[uid_of(upcoming)]
    assert moved["sequence"] == first[uid_of(upcoming)]["sequence"] + 1 == 1
    assert moved["last-modified"].dt > first[uid_of(upcoming)]["last-modified"].dt
    local = moved.DTSTART.astimezone(selectors.school_zone(world.school))
    assert local.time() == datetime.time(12, 30)
    # A day already past keeps what it had.
    assert second[uid_of(past)]["sequence"] == 0
    assert second[uid_of(past)].DTSTART == first[uid_of(past)].DTSTART


def test_a_cancelled_occurrence_stays_in_the_feed_as_cancelled(client, world):
    feeds = east_feeds(world)
    upcoming = feeds.activity.upcoming
    # As the scheduling pages cancel one day: the row is marked and its SEQUENCE raised once.
    upcoming.cancelled_at = timezone.now()
    upcoming.cancel_reason = "Assembly in the cafeteria"
    upcoming.sequence += 1
    upcoming.save()

    for token in (feeds.peer_token, feeds.staff_token, feeds.program_token):
        event = events_by_uid(parsed(client, token))[uid_of(upcoming)]
        assert str(event["status"]) == "CANCELLED"
        assert event["sequence"] == 1
        assert str(event["summary"]) == "Cancelled: Monday and Wednesday lunch bunch"
        assert str(event["transp"]) == "TRANSPARENT"


def test_a_whole_activity_cancelled_shows_every_day_as_cancelled(client, world):
    feeds = east_feeds(world)
    activity = feeds.activity.activity
    activity.cancelled_at = timezone.now()
    activity.save()

    events = parsed(client, feeds.peer_token).events
    assert events
    assert {str(event["status"]) for event in events} == {"CANCELLED"}
    assert all(event["last-modified"].dt >= activity.cancelled_at.replace(microsecond=0) for event in events)


def test_a_peers_feed_holds_only_what_they_are_placed_in_and_first_names(client, world):
    feeds = east_feeds(world)
    objects = feeds.activity
    # Others in the lunch bunch: one named, one whose family opted out of the directory.
    ParticipantFactory(
        activity=objects.activity,
        student=FocusStudentFactory(school=world.school, first_name="Maya", last_name="Okafor"),
    )
    ParticipantFactory(
        activity=objects.activity,
        student=StudentFactory(school=world.school, first_name="Hidden", last_name="Person", directory_opt_out=True),
    )
    # Activities Sofia is not placed in: waitlisted, withdrawn, someone else's.
    for status in (Participant.Status.WAITLISTED, Participant.Status.WITHDRAWN):
        other = ActivityFactory(program=objects.program, term=world.term, title=f"Club ({status})")
        OccurrenceFactory(activity=other)
        ParticipantFactory(activity=other, student=world.peer_student, status=status)
    OccurrenceFactory(activity=ActivityFactory(program=objects.program, term=world.term, title="Other lunch"))

    body = fetch(client, feeds.peer_token).content.decode()
    calendar = icalendar.Calendar.from_ical(body)

    assert {str(event["summary"]) for event in calendar.events} == {"Monday and Wednesday lunch bunch"}
    description = str(calendar.events[0]["description"])
    assert description == "Lunch group or recess\nWith Maya, Noah and 1 more"
    for surname in ("Bennett", "Okafor", "Ramirez", "Person", "Hidden"):
        assert surname not in body


def test_a_focus_students_feed_names_the_others_by_first_name(client, world):
    feeds = east_feeds(world)
    calendar = parsed(client, feeds.student_token)
    assert calendar.events
    assert {str(event["description"]) for event in calendar.events} == {"Lunch group or recess\nWith Sofia"}


def test_a_staff_feed_holds_the_activities_they_supervise_and_no_student(client, world):
    feeds = east_feeds(world)
    objects = feeds.activity
    not_theirs = ActivityFactory(program=objects.program, term=world.term, title="Coordinator's club")
    not_theirs.supervisors.add(world.user("coordinator"))
    OccurrenceFactory(activity=not_theirs)

    body = fetch(client, feeds.staff_token).content.decode()

    summaries = {str(event["summary"]) for event in icalendar.Calendar.from_ical(body).events}
    assert summaries == {"Monday and Wednesday lunch bunch"}
    for name in ("Noah", "Sofia", "Bennett", "Ramirez"):
        assert name not in body


def test_a_program_feed_holds_every_occurrence_of_the_program_and_no_student(client, world):
    feeds = east_feeds(world)
    objects = feeds.activity
    club = ActivityFactory(program=objects.program, term=world.term, title="Art club", place="Room 12")
    OccurrenceFactory(activity=club)
    ParticipantFactory(activity=club, student=world.peer_student)
    # Another program of the school is not in it.
    OccurrenceFactory(activity=ActivityFactory(term=world.term, program__school=world.school, title="Elsewhere"))

    body = fetch(client, feeds.program_token).content.decode()
    calendar = icalendar.Calendar.from_ical(body)

    assert str(calendar["x-wr-calname"]) == "Peer to Peer: shared activities"
    summaries = {str(event["summary"]) for event in calendar.events}
    assert summaries == {"Monday and Wednesday lunch bunch", "Art club"}
    assert "Room 12" in {str(event.get("location")) for event in calendar.events}
    for name in ("Noah", "Sofia", "Bennett", "Ramirez"):
        assert name not in body


def test_the_feed_covers_sixty_days_back_to_the_end_of_the_current_term(client, world):
    feeds = east_feeds(world)
    objects = feeds.activity
    today = datetime.date.today()
    long_ago = TermFactory(
        school=world.school, start_date=today - datetime.timedelta(days=200), end_date=today - datetime.timedelta(50)
    )
    next_term = TermFactory(
        school=world.school,
        start_date=world.term.end_date + datetime.timedelta(days=10),
        end_date=world.term.end_date + datetime.timedelta(days=100),
    )
    old = ActivityFactory(program=objects.program, term=long_ago, first_date=today - datetime.timedelta(days=61))
    recent = ActivityFactory(program=objects.program, term=long_ago, first_date=today - datetime.timedelta(days=59))
    later = ActivityFactory(program=objects.program, term=next_term, first_date=next_term.start_date)
    for activity in (old, recent, later):
        OccurrenceFactory(activity=activity)

    uids = set(events_by_uid(parsed(client, feeds.program_token)))

    assert uid_of(recent.occurrences.get()) in uids
    assert uid_of(old.occurrences.get()) not in uids
    assert uid_of(later.occurrences.get()) not in uids
    assert selectors.feed_window(school=world.school, today=today) == (
        today - datetime.timedelta(days=60),
        world.term.end_date,
    )
    # Between terms, the feed reaches to the end of the next one.
    between = world.term.end_date + datetime.timedelta(days=5)
    assert selectors.feed_window(school=world.school, today=between)[1] == next_term.end_date


def queries_for(client, token) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert fetch(client, token).status_code == 200
    return len(captured)


@pytest.mark.parametrize("feed", ["peer", "staff", "program"])
def test_the_feed_costs_the_same_queries_whatever_its_size(client, world, feed):
    feeds = east_feeds(world)
    objects = feeds.activity
    token = {"peer": feeds.peer_token, "staff": feeds.staff_token, "program": feeds.program_token}[feed]
    queries_for(client, token)  # the first request notes "last used"; the later ones within the hour do not
    small = queries_for(client, token)

    for n in range(12):
        activity = ActivityFactory(program=objects.program, term=world.term, title=f"Club {n}")
        activity.supervisors.add(world.user("staff"))
        for student in (world.peer_student, world.focus_student, StudentFactory(school=world.school)):
            ParticipantFactory(activity=activity, student=student)
        for day in range(3):
            OccurrenceFactory(activity=activity, series_date=datetime.date.today() + datetime.timedelta(days=day))
    large = queries_for(client, token)

    assert len(parsed(client, token).events) >= 36
    assert large == small
    assert small <= 9
