"""Activity reminders, counted in each school's time zone (beat every 15 minutes): the day before from 15:00 to the
supervisors and the placed peers and students with a sign-in address; the supervisors' prompt when attendance was
not taken by 17:00 (or the end, if later); never twice; none for what is cancelled; a moved occurrence is reminded
for its new day; peers' emails name focus students by first name only."""

import datetime

import pytest
import time_machine

from activities.models import SentActivityReminder
from activities.reminders import services
from activities.reminders.tasks import send_activity_reminders
from schools.outbox.models import OutboxItem
from tests.activities.factories import reminder_activity

UTC = datetime.UTC
# Tuesday, March 9, 2027: 15:00 in Chicago (CST) is 21:00 UTC.
TUESDAY_3PM = datetime.datetime(2027, 3, 9, 21, 0, tzinfo=UTC)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def setup(world):
    return reminder_activity(world)


def sent(prefix: str) -> list[str]:
    return sorted(SentActivityReminder.objects.filter(key__startswith=prefix).values_list("key", flat=True))


def emails(subject_start: str = ""):
    return list(OutboxItem.objects.filter(subject__startswith=subject_start).order_by("pk"))


def addresses(items) -> list[str]:
    return sorted(address for item in items for address in item.to)


EVERYONE = [
    "east.coordinator@school.example.org",
    "east.peer@school.example.org",
    "east.student@school.example.org",
    "east.teacher@school.example.org",
]
SUPERVISORS = ["east.coordinator@school.example.org", "east.teacher@school.example.org"]


def test_the_day_before_reminder_waits_for_the_afternoon_then_goes_once_to_everyone(setup):
    assert services.reminders_send(now=TUESDAY_3PM - MINUTE) == 0
    assert emails("Tomorrow") == []

    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 4
    assert services.reminders_send(now=TUESDAY_3PM + 2 * HOUR) == 0

    items = emails("Tomorrow: Lunch bunch")
    assert addresses(items) == EVERYONE
    assert all("Wednesday, March 10, 12:00 PM – 12:30 PM, Cafeteria, table 4" in item.body for item in items)
    assert len(sent("day-before:")) == 4


def test_late_in_the_evening_is_still_the_day_before_but_after_midnight_it_is_too_late(setup):
    # 23:59 in Chicago is already Wednesday in UTC: the school's day counts.
    assert services.reminders_send(now=datetime.datetime(2027, 3, 10, 5, 59, tzinfo=UTC)) == 4
    SentActivityReminder.objects.all().delete()
    assert services.reminders_send(now=datetime.datetime(2027, 3, 10, 6, 1, tzinfo=UTC)) == 0


def test_the_send_hour_is_the_schools_own(setup, world):
    world.school.time_zone = "Asia/Tokyo"
    world.school.save()
    # 15:00 in Tokyo on Tuesday is 06:00 UTC, when Chicago is still in the night before.
    tokyo_3pm = datetime.datetime(2027, 3, 9, 6, 0, tzinfo=UTC)
    assert services.reminders_send(now=tokyo_3pm - MINUTE) == 0
    assert services.reminders_send(now=tokyo_3pm + MINUTE) == 4


def test_a_mistyped_time_zone_falls_back_to_the_projects(setup, world):
    world.school.time_zone = "Mars/Olympus"
    world.school.save()
    # settings.TIME_ZONE is America/Chicago: the same hour as East's own zone.
    assert services.reminders_send(now=TUESDAY_3PM - MINUTE) == 0
    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 4


def test_none_for_a_cancelled_occurrence_or_activity(setup):
    setup.wednesday.cancelled_at = TUESDAY_3PM - HOUR
    setup.wednesday.save()
    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 0

    setup.wednesday.cancelled_at = None
    setup.wednesday.save()
    setup.activity.cancelled_at = TUESDAY_3PM - HOUR
    setup.activity.save()
    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 0
    assert emails() == []


def test_only_placed_participants_with_a_sign_in_address_and_active_supervisors(setup, world):
    setup.activity.participants.filter(student=world.focus_student).update(status="waitlisted")
    peer = world.peer_student.user
    peer.email = ""
    peer.save()
    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 2
    assert addresses(emails()) == SUPERVISORS


def test_a_moved_occurrence_is_reminded_for_its_new_day(setup):
    assert services.reminders_send(now=TUESDAY_3PM + MINUTE) == 4
    # Moved from Wednesday to Thursday after its reminder went out.
    setup.wednesday.date = datetime.date(2027, 3, 11)
    setup.wednesday.is_changed = True
    setup.wednesday.sequence += 1
    setup.wednesday.save()
    wednesday_3pm = TUESDAY_3PM + 24 * HOUR
    assert services.reminders_send(now=wednesday_3pm + MINUTE) == 4
    assert services.reminders_send(now=wednesday_3pm + 2 * MINUTE) == 0
    assert len(sent("day-before:")) == 8
    assert all("Thursday, March 11" in item.body for item in emails()[4:])


def test_a_peers_email_names_focus_students_by_first_name_only(setup, world):
    world.iep_goal.goal = "Initiates greetings with peers in 4 of 5 opportunities"
    world.iep_goal.save()
    services.reminders_send(now=TUESDAY_3PM + MINUTE)
    peer_email = next(item for item in emails() if item.to == ["east.peer@school.example.org"])
    assert "With Noah" in peer_email.body
    assert "Bennett" not in peer_email.body
    assert "Initiates greetings" not in peer_email.body
    assert "Hello Sofia" in peer_email.body
    student_email = next(item for item in emails() if item.to == ["east.student@school.example.org"])
    assert "With Sofia" in student_email.body and "Ramirez" not in student_email.body


def test_a_focus_student_whose_family_opted_out_of_the_directory_is_not_named(setup, world):
    world.focus_student.directory_opt_out = True
    world.focus_student.save()
    services.reminders_send(now=TUESDAY_3PM + MINUTE)
    peer_email = next(item for item in emails() if item.to == ["east.peer@school.example.org"])
    assert "Noah" not in peer_email.body and "With Your partner" in peer_email.body


# --- The supervisors' prompt when attendance was not taken ---

# Wednesday, March 10, 17:00 in Chicago.
WEDNESDAY_5PM = datetime.datetime(2027, 3, 10, 23, 0, tzinfo=UTC)


def test_the_attendance_prompt_goes_to_the_supervisors_at_the_end_of_the_day_once(setup):
    assert services.reminders_send(now=WEDNESDAY_5PM - MINUTE) == 0
    assert services.reminders_send(now=WEDNESDAY_5PM + MINUTE) == 2
    assert services.reminders_send(now=WEDNESDAY_5PM + HOUR) == 0
    prompts = emails("Attendance not taken yet: Lunch bunch")
    assert addresses(prompts) == SUPERVISORS
    assert all(f"/activities/occurrences/{setup.wednesday.pk}/attendance/" in item.body for item in prompts)


def test_no_prompt_when_attendance_was_taken(setup, world):
    setup.wednesday.attendance_taken_at = WEDNESDAY_5PM - 5 * HOUR
    setup.wednesday.save()
    assert services.reminders_send(now=WEDNESDAY_5PM + MINUTE) == 0


def test_an_activity_ending_after_five_is_prompted_after_its_end(setup):
    setup.wednesday.starts_at, setup.wednesday.ends_at = datetime.time(16, 0), datetime.time(17, 30)
    setup.wednesday.save()
    assert services.reminders_send(now=WEDNESDAY_5PM + MINUTE) == 0
    assert services.reminders_send(now=WEDNESDAY_5PM + 31 * MINUTE) == 2


def test_no_prompt_the_next_day(setup):
    # Thursday 00:01 in Chicago: Wednesday's prompt window has closed.
    assert services.reminders_send(now=datetime.datetime(2027, 3, 11, 6, 1, tzinfo=UTC)) == 0


def test_the_beat_task_runs_the_service_and_is_scheduled_every_15_minutes(setup, settings):
    entry = settings.CELERY_BEAT_SCHEDULE["activity-reminders"]
    assert entry["task"] == "activities.reminders.tasks.send_activity_reminders"
    assert entry["schedule"] == datetime.timedelta(minutes=15)
    with time_machine.travel(TUESDAY_3PM + MINUTE, tick=False):
        assert send_activity_reminders.apply().get() == 4
        assert send_activity_reminders.apply().get() == 0
