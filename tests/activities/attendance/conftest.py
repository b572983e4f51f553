"""Fixtures of the attendance tests: today's lunch group of East (``east_attendance``) and a helper that makes an
occurrence of it some days ago."""

import datetime

import pytest

from schools.dates import school_today
from tests.activities.factories import ActivityFactory, ParticipantFactory, east_attendance


@pytest.fixture
def lunch(world):
    return east_attendance(world)


@pytest.fixture
def days_ago(world):
    """``days_ago(n)``: a one-off 45-minute lunch group n days ago, Sofia and Noah placed; returns its occurrence."""

    def make(days: int, **activity_fields):
        from activities.services import occurrences_generate

        day = school_today(world.school) - datetime.timedelta(days=days)
        fields = {
            "program": east_attendance(world).program,
            "term": world.term,
            "starts_at": datetime.time(12, 0),
            "ends_at": datetime.time(12, 45),
            "first_date": day,
            **activity_fields,
        }
        activity = ActivityFactory(**fields)
        activity.supervisors.add(world.user("staff"))
        occurrences_generate(activity=activity)
        for student in (world.peer_student, world.focus_student):
            ParticipantFactory(activity=activity, student=student)
        return activity.occurrences.get()

    return make
