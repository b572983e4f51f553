"""Goal attainment scaling rows for tests, and ``east_goals(world)``: what the role matrix and the goal tests share.

On ``east_evaluation(world)`` ("Best Buddies Club", the world's term started 30 days ago and ends in 60): Noah's
social IEP goal (the world's) and a communication goal; one scale for Noah in the world's term, locked (late, with a
reason) and rated at mid-term by the coordinator; an unlocked draft beside it; and a term starting in 20 days that
the program runs in, for locking before the start.
"""

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from evaluation.models import GoalRating, GoalScale
from schools.models import IEPGoal
from tests.evaluation.factories import east_evaluation
from tests.schools.factories import IEPGoalFactory, TermFactory


class GoalScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalScale

    title = factory.Sequence(lambda n: f"Greets a classmate at lunch {n}")
    weight = 1
    level_minus_2 = "Does not greet classmates"
    level_minus_1 = "Greets with a prompt, once a week"
    level_0 = "Greets on their own, 2 of 5 days"
    level_plus_1 = "Greets on their own, 3 of 5 days"
    level_plus_2 = "Greets and keeps talking, 4 of 5 days"


class GoalRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalRating

    point = "mid"
    level = 0
    rated_on = factory.LazyFunction(datetime.date.today)


@dataclass
class GoalObjects:
    program: object
    term: object  # running (started 30 days ago)
    next_term: object  # starts in 20 days
    student: object  # Noah
    social_goal: object
    communication_goal: object
    scale: object  # locked late, rated mid by the coordinator
    draft: object  # not locked


def east_goals(world) -> GoalObjects:
    cached = getattr(world, "_east_goals", None)
    if cached is not None:
        return cached
    evaluation = east_evaluation(world)
    program, coordinator = evaluation.program, world.user("coordinator")
    today = datetime.date.today()
    next_term = TermFactory(
        school=world.school,
        name="Next term",
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=140),
    )
    program.terms.add(next_term)
    student = world.focus_student
    communication = IEPGoalFactory(
        student=student, domain=IEPGoal.Domain.COMMUNICATION, goal="Asks for help with a picture card"
    )
    scale = GoalScaleFactory(
        program=program,
        term=evaluation.term,
        student=student,
        iep_goal=world.iep_goal,
        written_by=coordinator,
        locked_at=timezone.now() - datetime.timedelta(days=20),
        locked_by=coordinator,
        late_lock_reason="The program began after the term started",
    )
    GoalRatingFactory(scale=scale, point="mid", level=1, rated_by=coordinator)
    draft = GoalScaleFactory(
        program=program, term=evaluation.term, student=student, iep_goal=communication, written_by=coordinator
    )
    objects = GoalObjects(
        program=program,
        term=evaluation.term,
        next_term=next_term,
        student=student,
        social_goal=world.iep_goal,
        communication_goal=communication,
        scale=scale,
        draft=draft,
    )
    world._east_goals = objects
    return objects
