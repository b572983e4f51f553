"""Two coordinators building one agenda at the same moment, on the real PostgreSQL with two connections. Every
agenda change first locks the orientation's row: the second waits, then works from what the first wrote, so a topic
is never put on twice and nobody meets an IntegrityError."""

import pytest
from django.core.exceptions import ValidationError

from orientation.models import AgendaItem, OrientationTopic
from orientation.sessions import selectors, services
from schools.scoping import resolve_access
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser
from tests.orientation.factories import east_orientation

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_accepting_every_proposal_twice_at_once_puts_each_topic_on_once(world, monkeypatch):
    require_postgresql()
    session = east_orientation(world)
    # Whoever works out the proposals first thinks for a moment: without the lock, the other would work them out too.
    slowed(monkeypatch, selectors, "tailoring_proposals")

    def accept(role):
        access = resolve_access(world.user(role), world.school.pk)
        return lambda: services.agenda_accept_proposals(orientation=session.orientation, access=access)

    outcomes = at_once(accept("coordinator"), accept("school_admin"))
    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    added = sorted(len(outcome.value) for outcome in outcomes)
    required = OrientationTopic.objects.filter(school=world.school).required().count()
    assert added == [0, required]
    topics = list(AgendaItem.objects.filter(orientation=session.orientation).values_list("topic", flat=True))
    assert len(topics) == len(set(topics)) == required + 1


def test_the_same_topic_added_twice_at_once_is_added_once(world, monkeypatch):
    require_postgresql()
    session = east_orientation(world)
    purpose = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    slowed(monkeypatch, services, "_check_topic")

    _, lost = winner_and_loser(
        at_once(*(lambda: services.agenda_add(orientation=session.orientation, topic=purpose) for _ in range(2)))
    )
    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == ["“The purpose of the peer partner program” is already on the agenda."]
    assert AgendaItem.objects.filter(orientation=session.orientation, topic=purpose).count() == 1
