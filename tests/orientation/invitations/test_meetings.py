"""Adding, changing and cancelling meetings and the whole orientation: one update per change of date, time or place
(to everyone invited who has not declined, and the facilitators), one notice per cancellation, nothing after it."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orientation.invitations import services
from orientation.models import OrientationMeeting, SentReminder
from schools.outbox.models import OutboxItem

NEXT_WEEK = datetime.date.today() + datetime.timedelta(days=7)


def form_data(**changes):
    data = {"date": NEXT_WEEK.isoformat(), "starts_at": "15:15", "ends_at": "16:15", "slot": "after_school",
            "place": "Library"}
    return {**data, **changes}


@pytest.fixture
def invited(setup, committed, mailoutbox):
    """Sofia and Mason invited (Mason has no address), the invitations' emails left out of the inbox."""
    invitations = committed(
        services.invitations_send, orientation=setup.orientation, students=[setup.sofia, setup.mason]
    )
    mailoutbox.clear()
    return invitations


def add_url(setup):
    return reverse("orientation:meeting_add", kwargs={"pk": setup.orientation.pk})


def edit_url(meeting):
    return reverse("orientation:meeting_edit", kwargs={"pk": meeting.orientation_id, "meeting_pk": meeting.pk})


def test_a_second_lunch_period_is_added_and_the_invited_get_it_in_their_calendar(
    client_for, setup, invited, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url(setup), form_data(slot="lunch", starts_at="11:30", ends_at="12:00", place="Room 12"), follow=True
        )

    assert f"The meeting of {NEXT_WEEK.isoformat()} is added." in response.content.decode()
    assert setup.orientation.meetings.count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["rachel@east.example.org", "sofia@students.east.example.org"]
    assert all(m.subject == "Another meeting of Fall peer orientation" for m in mailoutbox)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form_data(date=""), "Give the date of the meeting."),
        (form_data(date="next tuesday"), "Enter a date such as 2025-09-15."),
        (form_data(date="2205-09-15"), "Check the year: 2205-09-15 is far from today."),
        (form_data(date=(datetime.date.today() - datetime.timedelta(days=2)).isoformat()), "cannot be in the past"),
        (form_data(starts_at="25:99"), "Enter a time such as 15:30."),
        (form_data(ends_at=""), "Give the time the meeting ends."),
        (form_data(ends_at="15:00"), "The meeting must end after it starts."),
        (form_data(slot="midnight"), "Select a valid choice."),
        (form_data(place=""), "Say where the meeting is"),
        (form_data(place="x" * 201), "at most 200 characters"),
    ],
)
def test_bad_input_on_the_meeting_form_is_said_and_nothing_is_saved(client_for, setup, data, message):
    response = client_for("coordinator").post(add_url(setup), data)

    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert setup.orientation.meetings.count() == 1


def test_a_new_time_sends_one_update_to_those_not_declined_and_the_facilitators(
    client_for, setup, invited, mailoutbox, django_capture_on_commit_callbacks
):
    _sofia, mason = invited
    services.invitation_answer(invitation=mason, response="no")
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(setup.meeting), form_data(starts_at="15:30", ends_at="16:30"), follow=True)

    assert "The meeting is changed; 2 people are told." in response.content.decode()
    setup.meeting.refresh_from_db()
    assert setup.meeting.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["rachel@east.example.org", "sofia@students.east.example.org"]
    update = next(m for m in mailoutbox if m.to == ["sofia@students.east.example.org"])
    assert update.subject == "Changed: Fall peer orientation"
    assert "3:30 PM–4:30 PM" in update.body
    assert "SEQUENCE:1" in update.attachments[0][1]


def test_saving_without_a_change_of_time_or_place_sends_nothing(setup, invited, committed, mailoutbox):
    meeting, sent = committed(
        services.meeting_update, meeting=setup.meeting, date=setup.meeting.date, starts_at=setup.meeting.starts_at,
        ends_at=setup.meeting.ends_at, slot="during_school", place="Library",
    )

    assert (meeting.sequence, sent, mailoutbox) == (0, 0, [])
    assert meeting.slot == "during_school"


def test_a_declined_person_hears_nothing_of_a_change(setup, invited, committed, mailoutbox):
    sofia, _mason = invited
    services.invitation_answer(invitation=sofia, response="no")

    committed(
        services.meeting_update, meeting=setup.meeting, date=setup.meeting.date, starts_at=setup.meeting.starts_at,
        ends_at=setup.meeting.ends_at, slot="after_school", place="Gym",
    )

    assert [m.to for m in mailoutbox] == [["rachel@east.example.org"]]


def test_cancelling_a_meeting_sends_one_notice_then_nothing(
    client_for, setup, invited, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    url = reverse("orientation:meeting_cancel", kwargs={"pk": setup.orientation.pk, "meeting_pk": setup.meeting.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
        again = client.post(url, follow=True)

    assert "The meeting is cancelled; 2 people are told." in response.content.decode()
    assert "This meeting was already cancelled." in again.content.decode()
    assert len(mailoutbox) == 2
    notice = next(m for m in mailoutbox if m.to == ["sofia@students.east.example.org"])
    assert notice.subject == "Cancelled: Fall peer orientation"
    filename, content, mimetype = notice.attachments[0]
    assert (filename, mimetype) == ("cancel.ics", "text/calendar; method=CANCEL")
    assert "METHOD:CANCEL" in content and "STATUS:CANCELLED" in content and "SEQUENCE:1" in content
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_update(
            meeting=setup.meeting, date=NEXT_WEEK, starts_at=datetime.time(9), ends_at=datetime.time(10),
            slot="before_school", place="Gym",
        )
    assert client.post(edit_url(setup.meeting), form_data(place="Gym")).status_code == 200
    assert OrientationMeeting.objects.get(pk=setup.meeting.pk).place == "Library"


def test_cancelling_the_orientation_sends_one_notice_per_person_for_all_their_meetings(
    client_for, setup, invited, committed, mailoutbox, django_capture_on_commit_callbacks
):
    committed(
        services.meeting_add, orientation=setup.orientation, date=NEXT_WEEK, starts_at=datetime.time(11, 30),
        ends_at=datetime.time(12), slot="lunch", place="Room 12",
    )
    mailoutbox.clear()
    client = client_for("coordinator")
    url = reverse("orientation:cancel", kwargs={"pk": setup.orientation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
        again = client.post(url, follow=True)

    assert "The orientation is cancelled; 2 people are told." in response.content.decode()
    assert "This orientation was cancelled" in again.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["rachel@east.example.org", "sofia@students.east.example.org"]
    content = mailoutbox[0].attachments[0][1]
    assert content.count("BEGIN:VEVENT") == 2 and "METHOD:CANCEL" in content
    assert not setup.orientation.meetings.filter(cancelled_at=None).exists()
    # Nothing more goes out: no meeting to add, no invitation, no reminder.
    with pytest.raises(ValidationError):
        services.meeting_add(
            orientation=setup.orientation, date=NEXT_WEEK, starts_at=datetime.time(9), ends_at=datetime.time(10),
            slot="before_school", place="Gym",
        )
    assert services.reminders_send() == 0


def test_a_failed_save_sends_nothing(setup, invited):
    """The update is written in the transaction of the change: a change refused leaves no email behind."""
    before = OutboxItem.objects.count()
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=setup.meeting, date=NEXT_WEEK, starts_at=datetime.time(16), ends_at=datetime.time(15),
            slot="after_school", place="Gym",
        )
    assert OutboxItem.objects.count() == before
    assert not SentReminder.objects.exists()


def test_another_schools_meeting_is_not_found(client_for, setup):
    assert client_for("other_coordinator").get(edit_url(setup.meeting)).status_code == 404
    # A meeting reached through another orientation's address is not found either.
    other = reverse(
        "orientation:meeting_edit", kwargs={"pk": setup.orientation.pk + 1000, "meeting_pk": setup.meeting.pk}
    )
    assert client_for("coordinator").get(other).status_code == 404
