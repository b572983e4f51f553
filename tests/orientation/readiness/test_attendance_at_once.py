"""Two facilitators saving one meeting's attendance at the same moment, on the real PostgreSQL with two connections:
both saves go through one after the other (the meeting's row is locked first), the second writing its whole list over
the first; never an IntegrityError, and the topics covered match the list that stands."""

import pytest

from orientation.models import MeetingAttendance, TopicCoverage
from orientation.readiness import services
from tests.concurrency import at_once, require_postgresql, slowed
from tests.orientation.factories import InvitationFactory, east_readiness
from tests.schools.factories import StudentFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_facilitators_saving_at_once_leave_one_consistent_list(world, monkeypatch):
    require_postgresql()
    east = east_readiness(world)
    ben = StudentFactory(school=world.school, first_name="Ben")
    InvitationFactory(orientation=east.orientation, student=ben)
    # Whoever holds the lock reads the list slowly: without the lock, the other would write its rows meanwhile and
    # one of the two inserts would break the one-row-per-student constraint.
    slowed(monkeypatch, services.selectors, "attendance_sheet")

    def save(absent, role):
        return lambda: services.attendance_save(meeting=east.meeting, absent=absent, by=world.user(role))

    outcomes = at_once(save({ben.pk}, "staff"), save(set(), "coordinator"))

    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    rows = dict(MeetingAttendance.objects.filter(meeting=east.meeting).values_list("student_id", "status"))
    assert set(rows) == {ben.pk, world.peer_student.pk}
    covered = set(TopicCoverage.objects.filter(meeting=east.meeting).values_list("student_id", flat=True))
    assert covered == {pk for pk, status in rows.items() if status == "present"}
