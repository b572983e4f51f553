"""Make-up meetings: proposed for those who missed a meeting (absent or never recorded), made in the same orientation
with ``makeup_for`` and ``makeup_students``, and each student emailed the invitation through the outbox in the same
transaction. Every bad input is a message on the form with nothing saved."""

import datetime

import pytest
from django.urls import reverse

from orientation.models import OrientationMeeting
from orientation.readiness import services
from schools.outbox.models import OutboxItem
from tests.orientation.factories import InvitationFactory, east_readiness
from tests.schools.factories import StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(world):
    objects = east_readiness(world)
    objects.ava = StudentFactory(school=world.school, first_name="Ava", last_name="Lopez",
                                 user=UserFactory(username="ava.lopez", email="ava@students.example.org"))
    objects.ben = StudentFactory(school=world.school, first_name="Ben", last_name="Ortiz")  # no sign-in
    objects.cal = StudentFactory(school=world.school, first_name="Cal", last_name="Wu")
    for student in (objects.ava, objects.ben, objects.cal):
        InvitationFactory(orientation=objects.orientation, student=student)
    # Ava missed it, Sofia was there; Ben and Cal were never recorded (added to the list after it was saved).
    services.attendance_save(meeting=objects.meeting, absent={objects.ava.pk}, by=world.user("staff"))
    for student in (objects.ben, objects.cal):
        objects.meeting.attendance.filter(student=student).delete()
    return objects


def url(meeting):
    return reverse("orientation:makeup_add", kwargs={"pk": meeting.pk})


def form_data(chosen, **changes):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    data = {"date": tomorrow.isoformat(), "starts_at": "12:00", "ends_at": "12:30", "slot": "lunch",
            "place": "Room 12", "students": [s.pk for s in chosen]}
    data.update(changes)
    return data


def makeups(east):
    return OrientationMeeting.objects.filter(makeup_for=east.meeting)


def test_the_form_proposes_those_absent_or_never_recorded(client_for, east):
    text = client_for("coordinator").get(url(east.meeting)).content.decode()
    for name in ("Ava Lopez", "Ben Ortiz", "Cal Wu"):
        assert name in text
    assert "Sofia Ramirez" not in text


def test_planning_a_makeup_makes_the_meeting_and_emails_the_invitations(client_for, east):
    response = client_for("coordinator").post(url(east.meeting), form_data([east.ava, east.ben]), follow=True)
    text = response.content.decode()
    assert "Make-up meeting planned for 2 students on" in text
    assert "No email address for Ben Ortiz: tell them in person." in text
    makeup = makeups(east).get()
    assert makeup.orientation == east.orientation and makeup.place == "Room 12"
    assert set(makeup.makeup_students.values_list("first_name", flat=True)) == {"Ava", "Ben"}
    email = OutboxItem.objects.get()
    assert email.to == ["ava@students.example.org"]
    assert "Make-up meeting: Fall peer orientation" in email.subject
    assert "Room 12" in email.body and "12:00" in email.body
    # The answer is the make-up's own attendance page, listing only those it is for.
    assert "Ava Lopez" in text and "Cal Wu" not in text and "Sofia Ramirez" not in text


def test_a_makeup_of_a_makeup_makes_up_for_the_first_meeting(world, east):
    first, _ = services.makeup_create(
        meeting=east.meeting, date=datetime.date.today(), starts_at=datetime.time(12), ends_at=datetime.time(13),
        slot="lunch", place="Room 1", students=[east.ava, east.ben], by=world.user("coordinator"),
    )
    services.attendance_save(meeting=first, absent={east.ben.pk}, by=world.user("staff"))
    second, _ = services.makeup_create(
        meeting=first, date=datetime.date.today(), starts_at=datetime.time(12), ends_at=datetime.time(13),
        slot="lunch", place="Room 1", students=[east.ben], by=world.user("coordinator"),
    )
    assert second.makeup_for == east.meeting


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"students": []}, "Choose who the make-up meeting is for."),
        ({"students": ["2" * 30]}, "Someone you chose is not on this list."),
        ({"students": ["ten"]}, "Someone you chose is not on this list."),
        ({"date": "next tuesday"}, "Enter a date such as 2025-09-15."),
        ({"date": "2205-01-01"}, "Check the year"),
        ({"date": (datetime.date.today() - datetime.timedelta(days=2)).isoformat()}, "planned for today or later"),
        ({"starts_at": "noon"}, "Enter a time such as 15:30."),
        ({"ends_at": "11:00"}, "The meeting must end after it starts."),
        ({"place": ""}, "This field is required."),
        ({"slot": "midnight"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_saved(client_for, east, changes, message):
    response = client_for("coordinator").post(url(east.meeting), form_data([east.ava], **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not makeups(east).exists() and not OutboxItem.objects.exists()


def test_someone_who_was_present_is_not_offered(client_for, world, east):
    response = client_for("coordinator").post(url(east.meeting), form_data([world.peer_student]))
    assert "Someone you chose is not on this list." in response.content.decode()
    assert not makeups(east).exists()


def test_a_cancelled_meeting_gets_no_makeup(client_for, world, east):
    east.meeting.cancelled_at = datetime.datetime.now(datetime.UTC)
    east.meeting.save()
    response = client_for("coordinator").post(url(east.meeting), form_data([east.ava]))
    assert "plan a new meeting instead of a make-up" in response.content.decode()
    assert not makeups(east).exists()


def test_only_the_coordinator_and_principal_plan_makeups(client_for, east):
    assert client_for("staff").post(url(east.meeting), form_data([east.ava])).status_code == 403
    assert client_for("other_coordinator").post(url(east.meeting), form_data([east.ava])).status_code == 404
    assert not makeups(east).exists()
