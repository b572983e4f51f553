"""Reminders 2 days and 2 hours before each meeting (Celery beat every 15 minutes), counted in the school's time
zone: to those invited who did not decline and the facilitators; never twice; none after a cancellation; a changed
time sends one update and arms them again; a window already passed when the meeting was planned is not sent late."""

import datetime

import pytest
import time_machine

from orientation.invitations import ics, services
from orientation.invitations.tasks import send_orientation_reminders
from orientation.models import SentReminder
from tests.orientation.factories import InvitationFactory, MeetingFactory
from tests.schools.factories import StudentFactory, UserFactory

# Thursday, March 11, 2027, 3:15 PM in Chicago (CST, UTC-6; the clocks change on March 14).
DAY = datetime.date(2027, 3, 11)
START = datetime.datetime(2027, 3, 11, 21, 15, tzinfo=datetime.UTC)
PLANNED = datetime.datetime(2027, 3, 1, 15, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


def planned_meeting(orientation, *, at=PLANNED, **fields):
    with time_machine.travel(at, tick=False):
        return MeetingFactory(orientation=orientation, date=DAY, starts_at=datetime.time(15, 15),
                              ends_at=datetime.time(16, 15), **fields)


@pytest.fixture
def meeting(setup):
    """Sofia invited (pending), Harper invited and declined (an address, so a reminder would reach her)."""
    InvitationFactory(orientation=setup.orientation, student=setup.sofia)
    InvitationFactory(orientation=setup.orientation, student=setup.harper, response="no")
    return planned_meeting(setup.orientation)


def run(committed, now):
    return committed(services.reminders_send, now=now)


def to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_the_start_is_counted_in_the_schools_time_zone(meeting):
    assert ics.meeting_start(meeting) == START


def test_the_two_day_reminder_goes_once_to_the_invited_and_the_facilitators(meeting, committed, mailoutbox):
    assert run(committed, START - 48 * HOUR - MINUTE) == 0

    assert run(committed, START - 48 * HOUR + MINUTE) == 2
    assert run(committed, START - 47 * HOUR) == 0
    assert run(committed, START - 3 * HOUR) == 0

    # Harper declined: nothing for her.
    assert to(mailoutbox) == ["rachel@east.example.org", "sofia@students.east.example.org"]
    sofia = next(m for m in mailoutbox if m.to == ["sofia@students.east.example.org"])
    assert sofia.subject == "In two days: Fall peer orientation"
    assert "Thursday, March 11, 2027, 3:15 PM–4:15 PM" in sofia.body
    assert "/orientation/rsvp/" in sofia.body
    assert sofia.attachments[0][0] == "invite.ics"


def test_the_two_hour_reminder_follows_and_nothing_after_the_start(meeting, committed, mailoutbox):
    run(committed, START - 48 * HOUR)
    mailoutbox.clear()

    assert run(committed, START - 2 * HOUR - MINUTE) == 0
    assert run(committed, START - 2 * HOUR) == 2
    assert run(committed, START - MINUTE) == 0
    assert run(committed, START + MINUTE) == 0

    assert mailoutbox[0].subject == "Today: Fall peer orientation"
    assert len(mailoutbox) == 2


def test_a_late_run_sends_the_two_day_reminder_until_the_two_hour_one_takes_over(meeting, committed, mailoutbox):
    """Beat was down for a day: the 2-day reminder still goes (the window is still open), never both in one run."""
    assert run(committed, START - 3 * HOUR) == 2
    assert {m.subject for m in mailoutbox} == {"In two days: Fall peer orientation"}
    assert run(committed, START - HOUR) == 2
    assert SentReminder.objects.filter(kind="2h").count() == 2


def test_a_window_already_open_when_the_meeting_was_planned_is_not_sent_late(setup, committed, mailoutbox):
    InvitationFactory(orientation=setup.orientation, student=setup.sofia)
    planned_meeting(setup.orientation, at=START - 30 * HOUR)

    assert run(committed, START - 29 * HOUR) == 0
    assert run(committed, START - 3 * HOUR) == 0
    assert run(committed, START - 2 * HOUR + MINUTE) == 2
    assert {m.subject for m in mailoutbox} == {"Today: Fall peer orientation"}


def move(committed, meeting, *, at, days):
    with time_machine.travel(at, tick=False):
        return committed(
            services.meeting_update, meeting=meeting, date=DAY + datetime.timedelta(days=days),
            starts_at=meeting.starts_at, ends_at=meeting.ends_at, slot=meeting.slot, place=meeting.place,
        )


def test_a_changed_time_sends_one_update_and_arms_the_reminders_again(meeting, committed, mailoutbox):
    run(committed, START - 48 * HOUR)
    mailoutbox.clear()

    # 47 hours before, the meeting moves to Friday at the same time: one update each.
    moved, sent = move(committed, meeting, at=START - 47 * HOUR, days=1)
    assert (moved.sequence, sent) == (1, 2)
    assert {m.subject for m in mailoutbox} == {"Changed: Fall peer orientation"}
    mailoutbox.clear()

    new_start = START + 24 * HOUR
    # The new time's 2-day window opens later than the change: armed again, at sequence 1.
    assert run(committed, new_start - 48 * HOUR - MINUTE) == 0
    assert run(committed, new_start - 48 * HOUR) == 2
    assert run(committed, new_start - 2 * HOUR) == 2
    assert SentReminder.objects.filter(sequence=1, kind__in=["2d", "2h"]).count() == 4
    assert "SEQUENCE:1" in mailoutbox[0].attachments[0][1]
    assert [m.subject for m in mailoutbox].count("In two days: Fall peer orientation") == 2


def test_a_meeting_moved_into_an_open_window_gets_only_what_is_still_to_come(meeting, committed, mailoutbox):
    run(committed, START - 48 * HOUR)
    # 47 hours before, it moves a day earlier: its 2-day window had opened before the change.
    move(committed, meeting, at=START - 47 * HOUR, days=-1)
    mailoutbox.clear()
    new_start = START - 24 * HOUR

    assert run(committed, START - 46 * HOUR) == 0
    assert run(committed, new_start - 2 * HOUR) == 2
    assert {m.subject for m in mailoutbox} == {"Today: Fall peer orientation"}


def test_no_reminder_after_a_cancellation(meeting, committed, mailoutbox):
    committed(services.meeting_cancel, meeting=meeting)
    mailoutbox.clear()

    assert run(committed, START - 48 * HOUR) == 0
    assert run(committed, START - 2 * HOUR) == 0
    assert mailoutbox == []


def test_no_reminder_to_someone_who_declines_after_the_first(setup, meeting, committed, mailoutbox):
    run(committed, START - 48 * HOUR)
    invitation = setup.orientation.invitations.get(student=setup.sofia)
    services.invitation_answer(invitation=invitation, response="no")
    mailoutbox.clear()

    run(committed, START - 2 * HOUR)

    assert to(mailoutbox) == ["rachel@east.example.org"]


def test_a_make_up_meeting_reminds_only_its_students_and_the_facilitators(setup, meeting, committed, mailoutbox):
    ella = StudentFactory(school=setup.program.school, first_name="Ella",
                          user=UserFactory(username="ella", email="ella@students.east.example.org"))
    makeup = planned_meeting(setup.orientation, makeup_for=meeting)
    makeup.makeup_students.add(ella)
    meeting.cancelled_at = START  # only the make-up is left to remind about
    meeting.save()

    run(committed, START - 48 * HOUR)

    assert to(mailoutbox) == ["ella@students.east.example.org", "rachel@east.example.org"]


def test_nobody_without_an_address_is_claimed(setup, meeting, committed):
    InvitationFactory(orientation=setup.orientation, student=setup.mason)

    run(committed, START - 48 * HOUR)

    assert set(SentReminder.objects.values_list("recipient", flat=True)) == {
        f"student:{setup.sofia.pk}", f"user:{setup.coordinator.pk}"
    }


def test_the_beat_task_runs_the_service(meeting, mailoutbox, django_capture_on_commit_callbacks):
    with time_machine.travel(START - 2 * HOUR, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_orientation_reminders.delay().get() == 2
        assert send_orientation_reminders.delay().get() == 0
    assert len(mailoutbox) == 2


def test_changing_only_the_slot_leaves_the_reminders_as_they_were(meeting, committed, mailoutbox):
    with time_machine.travel(START - 47 * HOUR, tick=False):
        moved, sent = committed(
            services.meeting_update, meeting=meeting, date=meeting.date, starts_at=meeting.starts_at,
            ends_at=meeting.ends_at, slot="during_school", place=meeting.place,
        )
    assert (moved.sequence, sent, mailoutbox) == (0, 0, [])

    assert run(committed, START - 46 * HOUR) == 2
