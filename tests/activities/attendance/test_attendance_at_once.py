"""Two phones saving the same occurrence's attendance at the same moment: one row per person, both marks kept
(the occurrence's row is locked, so the second waits for the first's commit). On the real PostgreSQL."""

import pytest

from activities.attendance import services
from activities.models import Attendance
from tests.concurrency import at_once, require_postgresql, slowed

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_first_saves_at_once_make_one_row_per_person(world, monkeypatch):
    require_postgresql()
    from tests.activities.factories import east_attendance

    lunch = east_attendance(world)
    # The first takes a moment after reading who is expected, holding the occurrence's row: without the lock the
    # second would read meanwhile, find no rows, and both would insert (an IntegrityError).
    slowed(monkeypatch, services.selectors, "expected_students")

    outcomes = at_once(
        lambda: services.attendance_save(
            occurrence=lunch.today, marks={world.peer_student.pk: {"status": "absent"}}, by=world.user("staff")
        ),
        lambda: services.attendance_save(
            occurrence=lunch.today,
            marks={world.focus_student.pk: {"status": "late", "minutes_missed": 5}},
            by=world.user("coordinator"),
        ),
    )

    assert all(outcome.won for outcome in outcomes), [o.error for o in outcomes]
    rows = {row.student_id: row for row in Attendance.objects.filter(occurrence=lunch.today)}
    assert len(rows) == 2
    assert rows[world.peer_student.pk].status == "absent"
    assert rows[world.focus_student.pk].status == "late"


def test_two_check_ins_at_once_count_once(world, monkeypatch):
    require_postgresql()
    from tests.activities.factories import east_attendance

    lunch = east_attendance(world)
    slowed(monkeypatch, services.selectors, "expected_students")

    outcomes = at_once(
        lambda: services.check_in(occurrence=lunch.today, student=world.peer_student),
        lambda: services.check_in(occurrence=lunch.today, student=world.peer_student),
    )

    assert all(outcome.won for outcome in outcomes), [o.error for o in outcomes]
    assert Attendance.objects.filter(occurrence=lunch.today, student=world.peer_student).count() == 1
