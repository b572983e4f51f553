"""Attendance on a phone: everyone expected is present by default, the exceptions are ticked, the whole list is saved;
topics covered follow the list (and its corrections) in the same transaction. Cancelled and future meetings take
none; forged input is a message, never a 500."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orientation.models import Invitation, MeetingAttendance, TopicCoverage
from orientation.readiness import services
from tests.orientation.factories import (
    AgendaItemFactory,
    InvitationFactory,
    ReadinessMeetingFactory,
    ReadinessTopicFactory,
    east_readiness,
)
from tests.schools.factories import FocusStudentFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(world):
    objects = east_readiness(world)
    objects.ava = StudentFactory(school=world.school, first_name="Ava", last_name="Lopez")
    objects.ben = StudentFactory(school=world.school, first_name="Ben", last_name="Ortiz")
    objects.declined = StudentFactory(school=world.school, first_name="Dee", last_name="Clark")
    InvitationFactory(orientation=objects.orientation, student=objects.ava)
    InvitationFactory(orientation=objects.orientation, student=objects.ben)
    InvitationFactory(orientation=objects.orientation, student=objects.declined, response=Invitation.Response.NO)
    return objects


def url(meeting):
    return reverse("orientation:attendance", kwargs={"pk": meeting.pk})


def statuses(meeting):
    return dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("student__first_name", "status"))


def covered(meeting):
    return set(TopicCoverage.objects.filter(meeting=meeting).values_list("student__first_name", "topic__title"))


def test_everyone_expected_is_listed_present_by_default(client_for, east):
    text = client_for("staff").get(url(east.meeting)).content.decode()
    for name in ("Ava Lopez", "Ben Ortiz", "Sofia Ramirez"):
        assert name in text
    assert "Dee Clark" not in text  # declined
    assert "checked" not in text  # nobody is absent until tapped
    assert "Everyone is present unless you tick them absent" in text


def test_saving_the_list_records_everyone_and_the_topics_covered(client_for, east):
    response = client_for("staff").post(url(east.meeting), {"absent": [east.ben.pk]}, follow=True)
    assert "Attendance saved: 2 present, 1 absent." in response.content.decode()
    assert statuses(east.meeting) == {"Ava": "present", "Ben": "absent", "Sofia": "present"}
    topic = east.topic.title
    assert covered(east.meeting) == {("Ava", topic), ("Sofia", topic)}
    assert TopicCoverage.objects.get(student=east.ava).how == TopicCoverage.How.ATTENDED
    # The page shows the saved list: Ben's box stays ticked.
    assert f'value="{east.ben.pk}" id="absent-{east.ben.pk}" checked' in response.content.decode()


def test_correcting_a_student_to_absent_takes_their_topics_back(world, east):
    staff = world.user("staff")
    services.attendance_save(meeting=east.meeting, absent=set(), by=staff)
    assert ("Ava", east.topic.title) in covered(east.meeting)
    services.attendance_save(meeting=east.meeting, absent={east.ava.pk}, by=staff)
    assert statuses(east.meeting)["Ava"] == "absent"
    assert ("Ava", east.topic.title) not in covered(east.meeting)
    assert ("Sofia", east.topic.title) in covered(east.meeting)
    assert MeetingAttendance.objects.filter(meeting=east.meeting).count() == 3


def test_a_meeting_covers_its_own_items_and_those_of_every_meeting(world, east):
    second = ReadinessMeetingFactory(orientation=east.orientation, date=east.meeting.date)
    only_second = ReadinessTopicFactory(school=world.school, title="Promoting social skills")
    only_first = ReadinessTopicFactory(school=world.school, title="Disability etiquette")
    AgendaItemFactory(orientation=east.orientation, topic=only_second, meeting=second)
    AgendaItemFactory(orientation=east.orientation, topic=only_first, meeting=east.meeting)
    services.attendance_save(meeting=second, absent=set(), by=world.user("staff"))
    topics = {title for _name, title in covered(second)}
    assert topics == {east.topic.title, "Promoting social skills"}


def test_a_makeup_meeting_expects_its_students_and_covers_the_missed_topics(world, east):
    staff = world.user("staff")
    services.attendance_save(meeting=east.meeting, absent={east.ben.pk}, by=staff)
    makeup = ReadinessMeetingFactory(orientation=east.orientation, makeup_for=east.meeting)
    makeup.makeup_students.set([east.ben])
    services.attendance_save(meeting=makeup, absent=set(), by=staff)
    assert statuses(makeup) == {"Ben": "present"}
    assert covered(makeup) == {("Ben", east.topic.title)}


def test_focus_students_attending_alongside_are_on_the_list(client_for, world, east):
    lily = FocusStudentFactory(school=world.school, first_name="Lily", last_name="Park")
    InvitationFactory(orientation=east.orientation, student=lily)
    assert "Lily Park" in client_for("staff").get(url(east.meeting)).content.decode()


def test_a_cancelled_meeting_takes_no_attendance(client_for, world, east):
    east.meeting.cancelled_at = datetime.datetime.now(datetime.UTC)
    east.meeting.save()
    client = client_for("staff")
    text = client.get(url(east.meeting)).content.decode()
    assert "This meeting was cancelled, so it takes no attendance." in text and "Save attendance" not in text
    text = client.post(url(east.meeting), {"absent": []}).content.decode()
    assert "This meeting was cancelled, so it takes no attendance." in text
    assert not MeetingAttendance.objects.exists()


def test_a_meeting_still_to_come_takes_no_attendance(world, east):
    east.meeting.date += datetime.timedelta(days=3)
    east.meeting.save()
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.attendance_save(meeting=east.meeting, absent=set(), by=world.user("staff"))
    assert not MeetingAttendance.objects.exists()


@pytest.mark.parametrize("forged", ["2" * 30, "ten", "-1", "1e400", ""])
def test_forged_absent_values_are_a_message_and_nothing_is_saved(client_for, east, forged):
    response = client_for("staff").post(url(east.meeting), {"absent": [forged]})
    assert response.status_code == 200
    assert "Someone you chose is not on this list." in response.content.decode()
    assert not MeetingAttendance.objects.exists()


def test_a_student_not_expected_cannot_be_ticked(client_for, world, east):
    stranger = StudentFactory(school=world.school)
    response = client_for("staff").post(url(east.meeting), {"absent": [east.declined.pk, stranger.pk]})
    assert "Someone you chose is not on this list." in response.content.decode()
    assert not MeetingAttendance.objects.exists()


def test_another_schools_meeting_is_not_found(client_for, east):
    assert client_for("other_coordinator").get(url(east.meeting)).status_code == 404
    assert client_for("other_coordinator").post(url(east.meeting), {"absent": []}).status_code == 404
    assert client_for("peer").get(url(east.meeting)).status_code == 403
    assert not MeetingAttendance.objects.exists()


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_attendance_page_does_not_grow_with_the_list(client_for, world, east):
    client = client_for("staff")
    client.post(url(east.meeting), {"absent": [east.ben.pk]})
    few = queries_for(client, url(east.meeting))
    for index in range(8):
        student = StudentFactory(school=world.school, first_name=f"Extra{index}")
        InvitationFactory(orientation=east.orientation, student=student)
    client.post(url(east.meeting), {"absent": [east.ben.pk]})
    assert queries_for(client, url(east.meeting)) == few
