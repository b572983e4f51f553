"""The index, a program's orientations, the topic library and an agenda run as many queries for many rows as for
one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orientation.models import Invitation
from tests.orientation.factories import (
    AgendaItemFactory,
    OrientationFactory,
    OrientationMeetingFactory,
    OrientationTopicFactory,
)
from tests.schools.factories import BehaviorNoteFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, session, n=6):
    for index in range(n):
        orientation = OrientationFactory(program=session.program, term=world.term, title=f"Orientation {index}")
        orientation.facilitators.add(world.user("staff"))
        OrientationMeetingFactory.create_batch(2, orientation=orientation)
        OrientationTopicFactory(school=world.school, title=f"Topic {index}")
        AgendaItemFactory(orientation=session.orientation, order=10 + index)


def test_the_lists_do_not_grow_with_rows(world, client_for, east_session, pair, django_assert_max_num_queries):
    client = client_for("coordinator")
    pages = [
        reverse("orientation:index"),
        reverse("orientation:list", kwargs={"pk": east_session.program.pk}),
        reverse("orientation:topics"),
        reverse("orientation:agenda", kwargs={"pk": east_session.orientation.pk}),
        reverse("orientation:detail", kwargs={"pk": east_session.orientation.pk}),
    ]
    pair(aac_device="Tablet")
    few = {url: queries_for(client, url) for url in pages}
    grow(world, east_session)
    for n in range(6):
        peer, partner = pair(aac_device="Tablet" if n % 2 else "", peer_grade=3 + n % 3)
        BehaviorNoteFactory(student=partner)
        Invitation.objects.create(orientation=east_session.orientation, student=peer)
    for url in pages:
        with django_assert_max_num_queries(few[url]):
            client.get(url)
