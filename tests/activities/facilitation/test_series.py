"""The timeline's weekly series against hand-computed fixtures: adult support fading (2 close, 1 nearby, 0 faded)
and interactions (weekly totals by the student and by peers, average quality); group logs count for a focus student
only where they were present."""

import datetime

import pytest

from activities.facilitation import selectors, services
from activities.facilitation.series import LogPoint, chart, week_start, weekly_series
from activities.models import AdultSupport
from tests.activities.facilitation.factories import past_lunch

D = datetime.date
# Mon 2026-09-07 … Sun 2026-09-27: three weeks.
START, END = D(2026, 9, 9), D(2026, 9, 25)

FIXTURE = [
    # week of Sep 7: close twice, one of them unrated
    LogPoint(D(2026, 9, 9), 2, 0, 1, 1),
    LogPoint(D(2026, 9, 11), 2, 1, 2, None),
    # week of Sep 14: nothing
    # week of Sep 21: nearby, faded, faded
    LogPoint(D(2026, 9, 21), 1, 2, 3, 3),
    LogPoint(D(2026, 9, 23), 0, 3, 4, 4),
    LogPoint(D(2026, 9, 25), 0, 1, 2, 4),
    # outside the term: ignored
    LogPoint(D(2026, 9, 8), 2, 9, 9, 1),
    LogPoint(D(2026, 9, 28), 0, 9, 9, 4),
]


def test_week_start_is_monday():
    assert week_start(D(2026, 9, 13)) == D(2026, 9, 7)  # a Sunday
    assert week_start(D(2026, 9, 14)) == D(2026, 9, 14)


def test_adult_support_and_interactions_by_week_hand_computed():
    weeks = weekly_series(FIXTURE, start=START, end=END)
    assert [w.start for w in weeks] == [D(2026, 9, 7), D(2026, 9, 14), D(2026, 9, 21)]
    assert [w.logs for w in weeks] == [2, 0, 3]
    # (2 + 2) / 2 = 2; none; (1 + 0 + 0) / 3 = 0.33
    assert [w.support for w in weeks] == [2.0, None, 0.33]
    # student 0 + 1 = 1; peers 1 + 2 = 3 | student 2 + 3 + 1 = 6; peers 3 + 4 + 2 = 9
    assert [w.by_student for w in weeks] == [1, None, 6]
    assert [w.by_peers for w in weeks] == [3, None, 9]
    assert [w.interactions for w in weeks] == [4, None, 15]
    # quality: only the rated log of week 1 (1); (3 + 4 + 4) / 3 = 3.67
    assert [w.quality for w in weeks] == [1.0, None, 3.67]


def test_the_chart_leaves_a_gap_for_an_empty_week_and_places_the_change_lines():
    weeks = weekly_series(FIXTURE, start=START, end=END)
    drawn = chart(
        weeks, [("support", "Adult support", "s")], y_max=2, markers=[(D(2026, 9, 14), "Peer support started")]
    )
    (line,) = drawn.lines
    assert len(line.paths) == 2  # broken by the empty middle week
    assert [value for _x, _y, value in line.dots] == ["2", "0.33"]
    # 3 weeks over the plot's width: week 0 at the first third's middle; the highest value at the top of the plot.
    first_x, first_y, _v = line.dots[0]
    step = (drawn.plot_right - drawn.plot_left) / 3
    assert first_x == pytest.approx(drawn.plot_left + step / 2, abs=0.1)
    assert first_y == drawn.plot_top
    (marker,) = drawn.markers
    # Monday of the second week, a half day in: 1 week + 1/14 of a week from the start.
    assert marker[0] == pytest.approx(drawn.plot_left + step * (1 + 1 / 14), abs=0.1)
    assert marker[1] == "Peer support started"
    # A change outside the weeks is not drawn.
    assert chart(weeks, [], y_max=2, markers=[(D(2026, 10, 30), "later")]).markers == []


@pytest.mark.django_db
def test_group_logs_count_for_the_focus_students_who_were_there(world):
    """The selector's rule: a student's own logs, and the group logs of the occurrences they were present at."""
    coordinator = world.user("coordinator")
    there = past_lunch(world, 3, present=[world.focus_student], title="There")
    away = past_lunch(world, 2, absent=[world.focus_student], title="Away")
    not_taken = past_lunch(world, 1, title="No attendance")
    for occurrence in (there, away, not_taken):
        services.facilitation_log_save(
            occurrence=occurrence, student=None, by=coordinator, strategies=[], adult_support=AdultSupport.FADED
        )
    own, _ = services.facilitation_log_save(
        occurrence=away,
        student=world.focus_student,
        by=world.user("staff"),
        strategies=[],
        adult_support=AdultSupport.CLOSE,
        initiations_by_student=4,
    )
    logs = list(
        selectors.student_logs(student=world.focus_student, start=world.term.start_date, end=world.term.end_date)
    )
    assert [(log.occurrence_id, log.student_id) for log in logs] == [
        (there.pk, None),
        (away.pk, world.focus_student.pk),
    ]
    assert own in logs
