"""The days a series falls on: the bell schedule's rule, the school's non-school days skipped, the term's end."""

import datetime

import pytest

from activities.models import Repeats
from activities.services import occurrence_dates, occurrences_generate
from schools.models import NonSchoolDay
from tests.activities.factories import ActivityFactory, AttendanceFactory
from tests.programs.factories import ProgramFactory
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def fall(db):
    program = ProgramFactory()
    # Mon Nov 2, 2026 … Fri Dec 18, 2026 (Thanksgiving is Thu Nov 26).
    term = TermFactory(school=program.school, start_date=D(2026, 11, 2), end_date=D(2026, 12, 18))
    program.terms.add(term)
    return program, term


def test_weekly_skips_holidays_and_stops_at_the_terms_end(fall):
    program, term = fall
    for day in (D(2026, 11, 25), D(2026, 11, 26), D(2026, 11, 27)):
        NonSchoolDay.objects.create(school=program.school, date=day, name="Thanksgiving break")
    activity = ActivityFactory(
        program=program, term=term, repeats=Repeats.WEEKLY, weekdays=[2, 4], first_date=D(2026, 11, 16)
    )

    occurrences_generate(activity=activity)

    dates = list(activity.occurrences.values_list("date", flat=True))
    assert dates == [
        D(2026, 11, 18),
        D(2026, 11, 20),
        # Wed 25 and Fri 27 are the Thanksgiving break.
        D(2026, 12, 2),
        D(2026, 12, 4),
        D(2026, 12, 9),
        D(2026, 12, 11),
        D(2026, 12, 16),
        D(2026, 12, 18),
    ]


def test_daily_is_every_school_day_and_never_a_weekend(fall):
    program, term = fall
    activity = ActivityFactory(
        program=program, term=term, repeats=Repeats.DAILY, first_date=D(2026, 12, 10), last_date=D(2026, 12, 15)
    )
    assert occurrence_dates(activity=activity) == [D(2026, 12, 10), D(2026, 12, 11), D(2026, 12, 14), D(2026, 12, 15)]


def test_monthly_is_the_same_weekday_of_the_month(fall):
    program, term = fall
    # The 2nd Tuesday: Nov 10, Dec 8.
    activity = ActivityFactory(program=program, term=term, repeats=Repeats.MONTHLY, first_date=D(2026, 11, 10))
    assert occurrence_dates(activity=activity) == [D(2026, 11, 10), D(2026, 12, 8)]


def test_a_one_off_event_keeps_its_day_even_a_saturday_or_a_holiday(fall):
    program, term = fall
    NonSchoolDay.objects.create(school=program.school, date=D(2026, 11, 28), name="Thanksgiving break")
    activity = ActivityFactory(program=program, term=term, repeats=Repeats.ONCE, first_date=D(2026, 11, 28))
    occurrences_generate(activity=activity)
    assert list(activity.occurrences.values_list("date", flat=True)) == [D(2026, 11, 28)]


def test_regenerating_keeps_a_day_with_attendance_and_a_day_changed_on_its_own(fall, time_machine):
    program, term = fall
    time_machine.move_to(datetime.datetime(2026, 11, 1, 12, 0))
    activity = ActivityFactory(
        program=program,
        term=term,
        repeats=Repeats.WEEKLY,
        weekdays=[0],
        first_date=D(2026, 11, 2),
        last_date=D(2026, 11, 30),
    )
    occurrences_generate(activity=activity)
    attended = activity.occurrences.get(date=D(2026, 11, 9))
    AttendanceFactory(occurrence=attended)
    moved = activity.occurrences.get(date=D(2026, 11, 16))
    moved.date, moved.is_changed = D(2026, 11, 17), True
    moved.save()

    # The series moves to Tuesdays.
    activity.weekdays = [1]
    activity.save()
    result = occurrences_generate(activity=activity)

    dates = sorted(activity.occurrences.values_list("date", flat=True))
    assert D(2026, 11, 9) in dates  # attendance was taken: kept
    assert D(2026, 11, 17) in dates  # moved on its own: kept (it is also a Tuesday of the new rule)
    assert D(2026, 11, 2) not in dates and D(2026, 11, 23) not in dates
    assert {o.series_date for o in result["removed"]} == {D(2026, 11, 2), D(2026, 11, 23), D(2026, 11, 30)}


def test_changing_the_series_time_raises_the_sequence_of_the_days_to_come(fall, time_machine):
    program, term = fall
    time_machine.move_to(datetime.datetime(2026, 11, 10, 12, 0))
    activity = ActivityFactory(
        program=program,
        term=term,
        repeats=Repeats.WEEKLY,
        weekdays=[0],
        first_date=D(2026, 11, 2),
        last_date=D(2026, 11, 23),
    )
    occurrences_generate(activity=activity)
    activity.starts_at = datetime.time(15, 15)
    activity.save()

    result = occurrences_generate(activity=activity)

    changed = {o.date: o.sequence for o in result["changed"]}
    assert changed == {D(2026, 11, 16): 1, D(2026, 11, 23): 1}
    # The days already past keep their time.
    assert activity.occurrences.get(date=D(2026, 11, 2)).starts_at == datetime.time(15, 0)
