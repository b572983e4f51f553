"""Two people writing Noah's third scale at the same moment make one: the student's row is locked before counting, so
the second waits, counts three and is told so. On the real PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError

from evaluation.goals import services
from evaluation.models import GoalScale
from tests.concurrency import at_once, require_postgresql, slowed

from .factories import east_goals

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_third_scales_at_once_make_one(world, monkeypatch):
    require_postgresql()
    goals = east_goals(world)  # two scales in the running term already
    # The first waits between counting and saving: without the lock the second would count two as well.
    slowed(monkeypatch, services, "_check_goal")

    def write(title):
        return lambda: services.scale_create(
            program=goals.program,
            term=goals.term,
            student=goals.student,
            by=world.user("coordinator"),
            iep_goal=goals.social_goal,
            title=title,
            weight=1,
            levels=dict.fromkeys(services.LEVEL_FIELDS, "x"),
            raters=[],
        )

    outcomes = at_once(write("First"), write("Second"))

    assert sorted(o.won for o in outcomes) == [False, True]
    loser = next(o for o in outcomes if not o.won)
    assert isinstance(loser.error, ValidationError) and "at most three goals" in " ".join(loser.error.messages)
    assert GoalScale.objects.filter(program=goals.program, term=goals.term, student=goals.student).count() == 3
