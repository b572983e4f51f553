"""Factories of the ``orientation`` app and the ``east_*(world)`` builders the role matrix and its tests share."""

import factory

from orientation.models import Orientation
from tests.programs.factories import ProgramFactory, east_program
from tests.schools.factories import TermFactory

# --- Follow-up meetings (issue 19, helper h4) ---------------------------------------------------------------------


class FollowupFactory(factory.django.DjangoModelFactory):
    """A follow-up meeting: an orientation of kind follow-up later in the year."""

    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.LazyAttribute(lambda o: TermFactory(school=o.program.school))
    kind = Orientation.Kind.FOLLOW_UP
    title = factory.Sequence(lambda n: f"Mid-year follow-up {n}")


def east_followup(world):
    """A follow-up meeting of East's program, made once per world."""
    cached = getattr(world, "_east_followup", None)
    if cached is None:
        cached = FollowupFactory(program=east_program(world).program, term=world.term, title="Winter follow-up")
        world._east_followup = cached
    return cached
