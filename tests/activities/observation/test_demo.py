"""The observation demo seeder over an activity like the scheduling demo's: two observations of the first focus
student at past occurrences, the last with a second observer (another staff member, same clock) who agrees on most
but not all intervals; idempotent; an empty demo does nothing."""

import pytest

from activities.models import Observation, ObservationInterval
from activities.observation import demo, selectors
from activities.observation.measures import agreement, measures
from tests.activities.factories import east_activity

pytestmark = pytest.mark.django_db


def test_an_empty_demo_does_nothing(world):
    assert demo.seed(password="x") == ""


def test_the_demo_observations_and_their_second_observer(world):
    series = east_activity(world)
    summary = demo.seed(password="x")
    assert summary == "3 observations"

    firsts = list(Observation.objects.filter(primary=None).order_by("occurrence__date"))
    assert len(firsts) == 2
    assert all(o.student == world.focus_student and o.occurrence.activity == series.activity for o in firsts)
    assert all(o.occurrence.date < series.upcoming.date and o.finished_at and o.started_at for o in firsts)
    assert firsts[0].observer == series.activity.supervisors.order_by("pk").first()

    second = Observation.objects.get(primary__isnull=False)
    assert second.primary == firsts[-1]
    assert second.observer != firsts[-1].observer and second.observer is not None
    assert (second.started_at, second.interval_count, second.observe_seconds, second.record_seconds) == (
        firsts[-1].started_at,
        firsts[-1].interval_count,
        firsts[-1].observe_seconds,
        firsts[-1].record_seconds,
    )

    # Agreement on most but not all: 19 intervals compared (13 skipped), 3 measures each, 3 disagreements.
    ioa = agreement(selectors.interval_records(firsts[-1]), selectors.interval_records(second))
    assert ioa.compared == 19
    assert 80 <= ioa.percent < 100
    # Support fading: more peer interaction and less adult proximity at the last observation than the first.
    early, late = (measures(selectors.interval_records(o)) for o in firsts)
    assert late.interaction_percent > early.interaction_percent
    assert late.adult_near_percent < early.adult_near_percent
    assert early.skipped == 1 and late.distinct_peers >= 1
    # Every peer recorded takes part in the activity.
    placed = set(series.activity.participants.values_list("student_id", flat=True)) - {world.focus_student.pk}
    assert set(ObservationInterval.peers.through.objects.values_list("student_id", flat=True)) <= placed

    rows = ObservationInterval.objects.count()
    assert demo.seed(password="x") == ""
    assert Observation.objects.count() == 3 and ObservationInterval.objects.count() == rows
