"""Attendance on a phone: everyone present by default, tap the exceptions, each tap saved at once, the plain form
without JavaScript, the supervisor's 7 days, then the coordinator with a reason and the history of changes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.attendance import services
from activities.models import Attendance, AttendanceChange, Kind, ServiceHours

pytestmark = pytest.mark.django_db


def _url(occurrence, name="activities:attendance"):
    return reverse(name, kwargs={"pk": occurrence.pk})


def _rows(occurrence):
    return {row.student.first_name: row for row in Attendance.objects.filter(occurrence=occurrence)}


def _sheet(occurrence, world, **overrides):
    """The plain form as the page sends it: everyone present, then the overrides (``peer_status="absent"``...)."""
    data = {}
    for key, student in (("peer", world.peer_student), ("focus", world.focus_student)):
        data[f"status-{student.pk}"] = overrides.get(f"{key}_status", "present")
        data[f"missed-{student.pk}"] = overrides.get(f"{key}_missed", "")
        data[f"note-{student.pk}"] = overrides.get(f"{key}_note", "")
    data["reason"] = overrides.get("reason", "")
    return data


def test_the_page_lists_everyone_expected_present_by_default(client_for, lunch):
    response = client_for("staff").get(_url(lunch.today))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sofia Ramirez" in page and "Noah Bennett" in page
    assert page.count('value="present" autocomplete="off" checked') == 2
    assert "activity-attendance.js" in page
    assert "Walk-ins waiting for you" in page and "Maya Okafor" in page
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_one_plain_submit_saves_everyone_present_and_who_took_it(client_for, lunch, world):
    response = client_for("staff").post(_url(lunch.today), _sheet(lunch.today, world))

    assert response.status_code == 302
    rows = _rows(lunch.today)
    assert {name: (row.status, row.minutes) for name, row in rows.items()} == {
        "Sofia": ("present", 45),
        "Noah": ("present", 45),
    }
    lunch.today.refresh_from_db()
    assert lunch.today.attendance_taken_by == world.user("staff")
    assert lunch.today.attendance_taken_at is not None
    assert not AttendanceChange.objects.exists()


def test_the_exceptions_absent_late_left_early_and_a_note(client_for, lunch, world):
    client_for("staff").post(
        _url(lunch.today),
        _sheet(
            lunch.today, world, peer_status="late", peer_missed="10", peer_note="Bus was late", focus_status="absent"
        ),
    )

    rows = _rows(lunch.today)
    assert (rows["Sofia"].status, rows["Sofia"].minutes_missed, rows["Sofia"].minutes) == ("late", 10, 35)
    assert rows["Sofia"].note == "Bus was late"
    assert (rows["Noah"].status, rows["Noah"].minutes) == ("absent", 0)

    client_for("staff").post(
        _url(lunch.today), _sheet(lunch.today, world, focus_status="left_early", focus_missed="15")
    )
    rows = _rows(lunch.today)
    assert (rows["Noah"].status, rows["Noah"].minutes) == ("left_early", 30)
    assert (rows["Sofia"].status, rows["Sofia"].minutes, rows["Sofia"].note) == ("present", 45, "")


def test_each_tap_is_saved_at_once_so_a_list_left_half_way_is_kept(client_for, lunch, world):
    response = client_for("staff").post(
        _url(lunch.today, "activities:attendance_mark"), {"student": world.focus_student.pk, "status": "absent"}
    )

    assert response.status_code == 200
    assert response.json()["ok"] is True
    # The page was left there: Noah's tap is saved, and everyone else counts as present.
    rows = _rows(lunch.today)
    assert (rows["Noah"].status, rows["Noah"].minutes) == ("absent", 0)
    assert (rows["Sofia"].status, rows["Sofia"].minutes) == ("present", 45)
    lunch.today.refresh_from_db()
    assert lunch.today.attendance_taken_at is not None

    # A second tap on a row that exists is a change, kept in the history.
    client_for("coordinator").post(
        _url(lunch.today, "activities:attendance_mark"),
        {"student": world.focus_student.pk, "status": "late", "minutes_missed": "5"},
    )
    change = AttendanceChange.objects.get()
    assert (change.before["status"], change.after["status"], change.after["minutes"]) == ("absent", "late", 40)
    assert change.changed_by == world.user("coordinator")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "late"}, "Say how many minutes they missed."),
        ({"status": "late", "minutes_missed": "45"}, "mark them absent"),
        ({"status": "late", "minutes_missed": "-3"}, "greater than or equal to 0"),
        ({"status": "late", "minutes_missed": "1e400"}, "whole number"),
        ({"status": "sleeping"}, "Select a valid choice"),
        ({"status": "present", "note": "x" * 301}, "at most 300"),
    ],
)
def test_a_bad_tap_is_refused_with_a_message_and_nothing_saved(client_for, lunch, world, data, message):
    response = client_for("staff").post(
        _url(lunch.today, "activities:attendance_mark"), {"student": world.peer_student.pk, **data}
    )

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()
    lunch.today.refresh_from_db()
    assert lunch.today.attendance_taken_at is None


@pytest.mark.parametrize("student", ["2" * 30, "abc", ""])
def test_a_forged_or_unexpected_person_is_refused(client_for, lunch, student):
    response = client_for("staff").post(
        _url(lunch.today, "activities:attendance_mark"), {"student": student, "status": "absent"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_the_walk_in_waiting_cannot_be_marked_before_the_supervisor_accepts_them(client_for, lunch):
    response = client_for("staff").post(
        _url(lunch.today, "activities:attendance_mark"), {"student": lunch.walk_in_student.pk, "status": "present"}
    )
    assert response.status_code == 400


def test_a_bad_plain_form_shows_the_message_and_saves_nothing(client_for, lunch, world):
    response = client_for("staff").post(
        _url(lunch.today), _sheet(lunch.today, world, peer_status="left_early", peer_missed="", focus_status="nope")
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()

    response = client_for("staff").post(_url(lunch.today), _sheet(lunch.today, world, peer_status="left_early"))
    assert response.status_code == 200
    assert "Say how many minutes they missed." in response.content.decode()
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_the_supervisor_edits_for_7_days(client_for, days_ago, world):
    occurrence = days_ago(7)
    response = client_for("staff").post(_url(occurrence), _sheet(occurrence, world, focus_status="absent"))
    assert response.status_code == 302
    assert _rows(occurrence)["Noah"].status == "absent"


def test_after_7_days_only_the_coordinator_with_a_reason(client_for, days_ago, world):
    occurrence = days_ago(8)
    services.attendance_save(
        occurrence=occurrence, marks={}, by=world.user("coordinator"), may_correct=True, reason="Taken late"
    )

    page = client_for("staff").get(_url(occurrence)).content.decode()
    assert "ask the coordinator" in page
    response = client_for("staff").post(
        _url(occurrence, "activities:attendance_mark"), {"student": world.focus_student.pk, "status": "absent"}
    )
    assert response.status_code == 400
    assert "ask the coordinator" in response.json()["error"]
    assert _rows(occurrence)["Noah"].status == "present"

    response = client_for("coordinator").post(_url(occurrence), _sheet(occurrence, world, focus_status="absent"))
    assert response.status_code == 200
    assert "Say why you change attendance after 7 days." in response.content.decode()
    assert _rows(occurrence)["Noah"].status == "present"

    response = client_for("coordinator").post(
        _url(occurrence), _sheet(occurrence, world, focus_status="absent", reason="He was at the nurse's office")
    )
    assert response.status_code == 302
    assert _rows(occurrence)["Noah"].status == "absent"
    change = AttendanceChange.objects.get()
    assert change.reason == "He was at the nurse's office"
    assert (change.before["status"], change.after["status"]) == ("present", "absent")

    history = client_for("coordinator").get(_url(occurrence, "activities:attendance_history")).content.decode()
    assert "He was at the nurse&#x27;s office" in history
    assert "Noah Bennett" in history
    assert "Present, 45 min" in history and "Absent, 0 min" in history


def test_a_cancelled_occurrence_takes_no_attendance(client_for, lunch, world):
    lunch.today.cancelled_at = timezone.now()
    lunch.today.save()

    page = client_for("staff").get(_url(lunch.today)).content.decode()
    assert "cancelled, so it takes no attendance" in page
    response = client_for("staff").post(_url(lunch.today), _sheet(lunch.today, world))
    assert response.status_code == 200
    response = client_for("staff").post(
        _url(lunch.today, "activities:attendance_mark"), {"student": world.peer_student.pk, "status": "absent"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_every_save_updates_service_hours_in_the_same_transaction(client_for, days_ago, world):
    occurrence = days_ago(1, kind=Kind.SERVICE_LEARNING, title="Food bank sort")
    client_for("staff").post(_url(occurrence), _sheet(occurrence, world, peer_status="late", peer_missed="15"))

    hours = {h.student.first_name: h.hours for h in ServiceHours.objects.all()}
    assert {name: str(value) for name, value in hours.items()} == {"Sofia": "0.50", "Noah": "0.75"}


def test_another_schools_occurrence_is_not_found(client_for, lunch):
    assert client_for("other_coordinator").get(_url(lunch.today)).status_code == 404


def test_attendance_opens_on_the_day(client_for, world):
    from tests.activities.factories import east_activity

    upcoming = east_activity(world).upcoming
    assert "Attendance opens on the day" in client_for("staff").get(_url(upcoming)).content.decode()
    response = client_for("staff").post(
        _url(upcoming, "activities:attendance_mark"), {"student": world.peer_student.pk, "status": "absent"}
    )
    assert response.status_code == 400
    assert "Attendance opens on the day" in response.json()["error"]
    assert not Attendance.objects.filter(occurrence=upcoming).exists()
