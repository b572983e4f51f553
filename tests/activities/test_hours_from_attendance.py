"""Service hours follow the attendance of a service-learning occurrence: once per person, never deleted."""

import datetime
from decimal import Decimal

import pytest

from activities.models import ActivitySettings, Attendance, Kind, ServiceHours
from activities.services import service_hours_from_attendance
from tests.activities.factories import ActivityFactory, AttendanceFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence(db):
    activity = ActivityFactory(
        kind=Kind.SERVICE_LEARNING,
        title="Food bank sort",
        starts_at=datetime.time(15, 0),
        ends_at=datetime.time(16, 30),
    )
    return OccurrenceFactory(activity=activity)


def test_each_person_present_gets_their_minutes_as_hours_once(occurrence):
    full = AttendanceFactory(occurrence=occurrence)
    late = AttendanceFactory(occurrence=occurrence, status=Attendance.Status.LATE, minutes_missed=30, minutes=60)

    service_hours_from_attendance(occurrence=occurrence)
    service_hours_from_attendance(occurrence=occurrence)

    hours = {h.student_id: h for h in ServiceHours.objects.all()}
    assert len(hours) == 2
    assert hours[full.student_id].hours == Decimal("1.50")
    assert hours[late.student_id].hours == Decimal("1.00")
    assert {h.approval for h in hours.values()} == {ServiceHours.Approval.PENDING}


def test_marked_absent_later_declines_the_entry_with_a_reason(occurrence):
    row = AttendanceFactory(occurrence=occurrence)
    service_hours_from_attendance(occurrence=occurrence)
    row.status, row.minutes = Attendance.Status.ABSENT, 0
    row.save()

    service_hours_from_attendance(occurrence=occurrence)

    entry = ServiceHours.objects.get()
    assert entry.approval == ServiceHours.Approval.DECLINED
    assert entry.decline_reason == "Marked absent in attendance."
    with pytest.raises(PermissionError):
        entry.delete()


def test_the_program_may_approve_attendance_hours_by_itself(occurrence):
    ActivitySettings.objects.create(
        program=occurrence.activity.program, auto_approve_hours=True, auto_approve_proofs=["attendance"]
    )
    AttendanceFactory(occurrence=occurrence)
    service_hours_from_attendance(occurrence=occurrence)
    assert ServiceHours.objects.get().approval == ServiceHours.Approval.APPROVED


def test_other_kinds_of_activity_give_no_service_hours(occurrence):
    occurrence.activity.kind = Kind.LUNCH_GROUP
    occurrence.activity.save()
    AttendanceFactory(occurrence=occurrence)
    assert service_hours_from_attendance(occurrence=occurrence) == []
    assert not ServiceHours.objects.exists()
