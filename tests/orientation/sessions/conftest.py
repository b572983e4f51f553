"""Sessions fixtures: East's orientation (tests/orientation/factories.py) and confirmed pairs to tailor it from."""

import pytest

from recruitment.models import Match
from tests.orientation.factories import east_orientation
from tests.schools.factories import FocusStudentFactory, StudentFactory


@pytest.fixture
def east_session(world):
    return east_orientation(world)


@pytest.fixture
def pair(world, east_session):
    """``pair(peer_grade=4, **partner_fields)``: a confirmed match in the orientation's term of a new peer with a new
    focus student (``partner_fields`` set on the focus student); returns (peer, partner)."""

    def make(peer_grade=4, peer=None, **partner_fields):
        peer = peer or StudentFactory(school=world.school, grade=peer_grade)
        partner = FocusStudentFactory(school=world.school, grade=4, **partner_fields)
        Match.objects.create(
            program=east_session.program,
            term=east_session.orientation.term,
            peer=peer,
            focus_student=partner,
            status=Match.Status.CONFIRMED,
        )
        return peer, partner

    return make
