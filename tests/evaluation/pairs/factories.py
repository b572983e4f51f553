"""Pair health rows for tests, and ``east_pairs(world)``: the objects the role matrix and the pair tests share.

Built on ``east_evaluation(world)`` (East's "Best Buddies Club": Sofia & Noah and Liam & Noah, confirmed). Liam checked
in this month asking for help; his note carries a marker no page of Sofia's may show.
"""

import datetime
from dataclasses import dataclass

import factory

from evaluation.models import PairCheckIn
from evaluation.pairs import selectors as pair_selectors
from tests.evaluation.factories import east_evaluation

OTHER_PEER_MARKER = "liampaircheck5w"


class PairCheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PairCheckIn

    program = factory.LazyAttribute(lambda o: o.pair.program)
    peer = factory.LazyAttribute(lambda o: o.pair.peer)
    focus_student = factory.LazyAttribute(lambda o: o.pair.focus_student)
    side = PairCheckIn.Side.PEER
    meetings = PairCheckIn.Meetings.WEEKLY
    going = PairCheckIn.Going.WELL

    class Params:
        pair = None


@dataclass
class PairObjects:
    program: object
    term: object
    pair: object  # Sofia & Noah
    other_pair: object  # Liam & Noah
    other_check_in: object  # Liam's this month, a match problem
    month: datetime.date


def east_pairs(world) -> PairObjects:
    cached = getattr(world, "_east_pairs", None)
    if cached is not None:
        return cached
    evaluation = east_evaluation(world)
    month = pair_selectors.this_month(world.school)
    other = PairCheckInFactory(
        pair=evaluation.other_pair,
        month=month,
        going=PairCheckIn.Going.NOT_WELL,
        note_to_staff=f"We argue a lot {OTHER_PEER_MARKER}.",
        match_problem=True,
    )
    objects = PairObjects(
        program=evaluation.program,
        term=evaluation.term,
        pair=evaluation.pair,
        other_pair=evaluation.other_pair,
        other_check_in=other,
        month=month,
    )
    world._east_pairs = objects
    return objects
