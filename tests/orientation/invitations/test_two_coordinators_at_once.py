"""Two coordinators invite different peers into the last place of an orientation at the same moment: one is
invited, the other coordinator reads that the places are taken. On the real PostgreSQL, two connections."""

import pytest
from django.core.exceptions import ValidationError

from orientation.invitations import services
from orientation.models import Invitation
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_last_place_goes_to_one_peer(world, setup, monkeypatch):
    require_postgresql()
    setup.orientation.capacity = 1
    setup.orientation.save()
    # Whoever locks the orientation first takes a moment over who may be invited: without the lock, the other
    # coordinator would count the same free place meanwhile.
    slowed(monkeypatch, services.selectors, "invite_candidates")

    won, lost = winner_and_loser(
        at_once(
            lambda: services.invitations_send(orientation=setup.orientation, students=[setup.sofia]),
            lambda: services.invitations_send(orientation=setup.orientation, students=[setup.mason]),
        )
    )

    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == [
        "Only 0 of the 1 places are left: choose fewer students, or raise the number of places."
    ]
    [invitation] = Invitation.objects.filter(orientation=setup.orientation)
    assert [invitation] == won.value
