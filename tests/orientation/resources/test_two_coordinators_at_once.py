"""Two coordinators adding the same library resource to one orientation at the same moment, on the real PostgreSQL
with two connections: the orientation's row is locked first, so the second waits, finds it added and is told so;
the orientation hands it out once."""

import pytest
from django.core.exceptions import ValidationError

from orientation.models import OrientationMaterial
from orientation.resources import services
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser
from tests.orientation.factories import LibraryOrientationFactory, ResourceFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_same_resource_added_twice_at_once_is_added_once(world, monkeypatch):
    require_postgresql()
    orientation = LibraryOrientationFactory(program__school=world.school, term=world.term)
    resource = ResourceFactory(school=world.school, title="Respectful language")
    # The first one thinks for a moment after its check: without the lock, the other would check meanwhile too.
    slowed(monkeypatch, OrientationMaterial, "full_clean")

    def add():
        return services.material_add_resource(orientation=orientation, resource=resource)

    won, lost = winner_and_loser(at_once(add, add))

    assert won.value.resource == resource
    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == ["“Respectful language” is already among this orientation's materials."]
    assert OrientationMaterial.objects.filter(orientation=orientation, resource=resource).count() == 1
