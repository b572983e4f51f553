"""QR check-in with a sign-in: an expected participant's check-in writes their attendance row once; check-out
computes the minutes from max(check-in, start) to min(check-out, end); a walk-in waits for the supervisor."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.attendance import services
from activities.models import Attendance, CheckIn, Participant
from schools.dates import school_zone

pytestmark = pytest.mark.django_db


def at(occurrence, hour, minute):
    zone = school_zone(occurrence.activity.program.school)
    return datetime.datetime.combine(occurrence.date, datetime.time(hour, minute), tzinfo=zone)


def _url(occurrence):
    return reverse("activities:check_in", kwargs={"pk": occurrence.pk})


def test_a_peer_scans_and_confirms_and_their_row_says_checked_in(client_for, lunch, world):
    client = client_for("peer")
    page = client.get(_url(lunch.today)).content.decode()
    assert "Yes, I am here" in page

    response = client.post(_url(lunch.today), {"action": "in"})

    assert response.status_code == 302
    row = Attendance.objects.get(occurrence=lunch.today, student=world.peer_student)
    assert (row.status, row.source) == ("present", "check_in")
    assert row.checked_in_at is not None
    lunch.today.refresh_from_db()
    assert lunch.today.attendance_taken_at is not None
    assert "You checked in at" in client.get(_url(lunch.today)).content.decode()


def test_checking_in_twice_counts_once(lunch, world):
    first = services.check_in(occurrence=lunch.today, student=world.peer_student, now=at(lunch.today, 12, 5))
    second = services.check_in(occurrence=lunch.today, student=world.peer_student, now=at(lunch.today, 12, 20))

    assert first.pk == second.pk
    assert CheckIn.objects.filter(occurrence=lunch.today, student=world.peer_student).count() == 1
    row = Attendance.objects.get(occurrence=lunch.today, student=world.peer_student)
    assert row.checked_in_at == at(lunch.today, 12, 5)
    assert row.minutes == 40


@pytest.mark.parametrize(
    ("check_in", "check_out", "minutes"),
    [
        ((11, 50), (12, 30), 30),  # early arrival counts from the start
        ((12, 10), (13, 5), 35),  # late checkout counts to the end
        ((12, 10), (12, 20), 10),
        ((11, 0), (11, 30), 0),  # left before it started
    ],
)
def test_check_out_computes_the_minutes(lunch, world, check_in, check_out, minutes):
    services.check_in(occurrence=lunch.today, student=world.focus_student, now=at(lunch.today, *check_in))
    row = services.check_out(occurrence=lunch.today, student=world.focus_student, now=at(lunch.today, *check_out))

    assert row.minutes == minutes
    assert row.checked_out_at == at(lunch.today, *check_out)
    assert Attendance.objects.filter(occurrence=lunch.today, student=world.focus_student).count() == 1
    with pytest.raises(ValidationError, match="already checked out"):
        services.check_out(occurrence=lunch.today, student=world.focus_student, now=at(lunch.today, 12, 44))


def test_check_in_after_staff_took_attendance_feeds_the_same_row(lunch, world):
    services.attendance_save(
        occurrence=lunch.today, marks={world.peer_student.pk: {"status": "absent"}}, by=world.user("staff")
    )
    services.check_in(occurrence=lunch.today, student=world.peer_student, now=at(lunch.today, 12, 15))

    rows = Attendance.objects.filter(occurrence=lunch.today, student=world.peer_student)
    assert rows.count() == 1
    assert (rows.get().status, rows.get().minutes) == ("present", 30)
    assert rows.get().changes.get().before["status"] == "absent"


def test_check_out_without_check_in_is_refused(lunch, world):
    with pytest.raises(ValidationError, match="Check in first"):
        services.check_out(occurrence=lunch.today, student=world.peer_student)


def test_a_walk_in_waits_and_the_supervisor_accepts(client_for, lunch, world):
    page = client_for("staff").get(reverse("activities:attendance", kwargs={"pk": lunch.today.pk})).content.decode()
    assert "Maya Okafor" in page

    response = client_for("staff").post(
        reverse("activities:walk_in_decide", kwargs={"pk": lunch.walk_in.pk}), {"decision": "accept"}
    )

    assert response.status_code == 302
    lunch.walk_in.refresh_from_db()
    assert lunch.walk_in.status == CheckIn.Status.ACCEPTED
    place = Participant.objects.get(activity=lunch.activity, student=lunch.walk_in_student)
    assert (place.status, place.source) == ("placed", "walk_in")
    row = Attendance.objects.get(occurrence=lunch.today, student=lunch.walk_in_student)
    assert (row.status, row.source) == ("present", "check_in")
    # Deciding twice: the second is told, nothing changes.
    response = client_for("coordinator").post(
        reverse("activities:walk_in_decide", kwargs={"pk": lunch.walk_in.pk}), {"decision": "refuse"}, follow=True
    )
    assert "already decided" in response.content.decode()


def test_a_refused_walk_in_gets_no_attendance(client_for, lunch):
    client_for("staff").post(
        reverse("activities:walk_in_decide", kwargs={"pk": lunch.walk_in.pk}), {"decision": "refuse"}
    )
    lunch.walk_in.refresh_from_db()
    assert lunch.walk_in.status == CheckIn.Status.REFUSED
    assert not Attendance.objects.filter(student=lunch.walk_in_student).exists()
    assert not Participant.objects.filter(student=lunch.walk_in_student).exists()


@pytest.mark.parametrize("decision", ["maybe", "", "1e400"])
def test_a_forged_decision_is_a_message(client_for, lunch, decision):
    response = client_for("staff").post(
        reverse("activities:walk_in_decide", kwargs={"pk": lunch.walk_in.pk}), {"decision": decision}, follow=True
    )
    assert "Choose accept or refuse." in response.content.decode()
    lunch.walk_in.refresh_from_db()
    assert lunch.walk_in.status == CheckIn.Status.WAITING


def test_a_signed_in_student_not_placed_becomes_a_walk_in(client_for, lunch, world):
    Participant.objects.filter(activity=lunch.activity, student=world.focus_student).delete()
    response = client_for("focus_student").post(_url(lunch.today), {"action": "in"}, follow=True)

    assert "the supervisor will accept your check-in" in response.content.decode()
    assert CheckIn.objects.get(occurrence=lunch.today, student=world.focus_student).status == "waiting"
    assert not Attendance.objects.filter(occurrence=lunch.today, student=world.focus_student).exists()


def test_check_in_is_open_on_the_day_only_and_never_when_cancelled(client_for, lunch, days_ago, world):
    yesterday = days_ago(1)
    response = client_for("peer").post(_url(yesterday), {"action": "in"})
    assert response.status_code == 200
    assert "on the day of the activity only" in response.content.decode()

    lunch.today.cancelled_at = timezone.now()
    lunch.today.save()
    response = client_for("peer").post(_url(lunch.today), {"action": "in"})
    assert "cancelled" in response.content.decode()
    assert not CheckIn.objects.filter(student=world.peer_student).exists()


@pytest.mark.parametrize("action", ["", "dance", "1e400"])
def test_a_forged_action_is_a_message(client_for, lunch, action):
    response = client_for("peer").post(_url(lunch.today), {"action": action})
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()


def test_the_qr_page_points_at_the_check_in_page(client_for, lunch):
    page = client_for("staff").get(reverse("activities:occurrence_qr", kwargs={"pk": lunch.today.pk})).content.decode()
    assert 'src="data:image/svg+xml' in page
    assert f"http://testserver/activities/occurrences/{lunch.today.pk}/check-in/" in page
