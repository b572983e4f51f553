"""The attendance demo seeder over activities like the scheduling demo's: past occurrences taken with a few
exceptions, today's with check-ins and a walk-in waiting; nothing on a cancelled occurrence; idempotent; and an
empty demo (no activities) is fine."""

import datetime

import pytest
from django.utils import timezone

from activities.attendance import demo
from activities.models import Attendance, AttendanceChange, CheckIn
from schools.dates import school_zone

pytestmark = pytest.mark.django_db


def test_an_empty_demo_does_nothing(world):
    assert demo.seed(password="x") == ""


def at(world, day, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=school_zone(world.school))


def test_the_seeder_takes_past_attendance_and_todays_check_ins(world, lunch, time_machine):
    from tests.activities.factories import east_activity

    # Seeded in the afternoon, after today's lunch group (12:00-12:45) has ended.
    time_machine.move_to(at(world, lunch.today.date, 13))
    series = east_activity(world)
    cancelled = series.activity.occurrences.filter(date__lt=series.past.date).order_by("-date").first()
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    Attendance.objects.all().delete()
    series.past.attendance_taken_at = None
    series.past.save()

    summary = demo.seed(password="x")

    assert "attendance at" in summary and "1 walk-in waiting" in summary
    past = series.activity.occurrences.filter(date__lt=lunch.today.date, cancelled_at=None)
    assert past.exists()
    assert not past.filter(attendance_taken_at=None).exists()
    assert not Attendance.objects.filter(occurrence=cancelled).exists()
    statuses = set(Attendance.objects.filter(occurrence__activity=series.activity).values_list("status", flat=True))
    assert {"present", "absent"} <= statuses
    for row in Attendance.objects.filter(source="staff"):
        assert row.minutes == row.compute_minutes()
    # Today: the two placed checked in and out (the fixture's own walk-in was already waiting).
    checked = Attendance.objects.filter(occurrence=lunch.today, source="check_in")
    assert checked.count() == 2
    assert all(row.checked_out_at and row.minutes == 40 for row in checked)
    assert CheckIn.objects.filter(occurrence=lunch.today, status="waiting").count() >= 1
    assert not AttendanceChange.objects.exclude(reason__in=["", demo.PAPER_SHEET, "Checked in", "Checked out"]).exists()

    changes = AttendanceChange.objects.count()
    demo.seed(password="x")
    assert AttendanceChange.objects.count() == changes
    assert Attendance.objects.filter(occurrence=lunch.today).count() == 2


def test_seeded_before_todays_occurrence_begins_nobody_has_checked_in_yet(world, lunch, time_machine):
    time_machine.move_to(at(world, lunch.today.date, 7))
    before = CheckIn.objects.count()

    demo.seed(password="x")

    assert CheckIn.objects.count() == before
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_seeded_during_todays_occurrence_the_early_ones_are_checked_in_not_out(world, lunch, time_machine):
    time_machine.move_to(at(world, lunch.today.date, 12) + datetime.timedelta(minutes=20))

    demo.seed(password="x")

    checked = Attendance.objects.filter(occurrence=lunch.today, source="check_in")
    assert checked.count() == 2
    assert not checked.filter(checked_out_at__isnull=False).exists()
    assert not CheckIn.objects.filter(checked_in_at__gt=timezone.now()).exists()
