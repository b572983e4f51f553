"""Orientation rows for tests, and the ``east_*(world)`` builders the role matrix and the orientation tests share.

One block per area (the lead merges the five helpers' blocks): keep each area's factories inside its own block.
"""

import datetime
from dataclasses import dataclass

import factory

from orientation.models import AgendaItem, Orientation, OrientationMeeting, OrientationTopic
from orientation.services import topic_library_ensure
from tests.programs.factories import ProgramFactory, east_program
from tests.schools.factories import SchoolFactory, TermFactory

# --- Sessions: topics, orientations, agendas (helper h1) ---------------------------------------------------------


class OrientationTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationTopic

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Our own topic {n}")
    description = "What to cover."
    source = "Our planning team"
    order = factory.Sequence(lambda n: 500 + n)


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    term = factory.LazyAttribute(lambda o: o.program.terms.first() or TermFactory(school=o.program.school))
    title = factory.Sequence(lambda n: f"Orientation {n}")
    kind = Orientation.Kind.INITIAL

    @factory.post_generation
    def in_program_term(self, create, extracted, **kwargs):
        # An orientation's term is one of its program's terms.
        if create:
            self.program.terms.add(self.term)


class OrientationMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationMeeting

    orientation = factory.SubFactory(OrientationFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))
    starts_at = datetime.time(15, 0)
    ends_at = datetime.time(16, 0)
    place = "Library"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    orientation = factory.SubFactory(OrientationFactory)
    topic = factory.LazyAttribute(lambda item: OrientationTopicFactory(school=item.orientation.program.school))
    order = factory.Sequence(lambda n: n)


@dataclass
class SessionObjects:
    program: object
    orientation: object
    meeting: object
    topic: object
    item: object

    def restore_item(self) -> dict:
        """Put back the agenda item a previous role removed, with the same id, so the next role meets it."""
        if not AgendaItem.objects.filter(pk=self.item.pk).exists():
            self.item.save(force_insert=True)
        return {}


def east_orientation(world) -> SessionObjects:
    """East's program with one orientation in the world's term: one meeting, one own topic on its agenda."""
    cached = getattr(world, "_east_orientation", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    program.terms.add(world.term)
    topic_library_ensure(school=world.school)
    orientation = OrientationFactory(program=program, term=world.term, title="Fall orientation")
    orientation.facilitators.add(world.user("coordinator"))
    topic = OrientationTopicFactory(school=world.school, title="Our lunch bunch routines")
    objects = SessionObjects(
        program=program,
        orientation=orientation,
        meeting=OrientationMeetingFactory(orientation=orientation),
        topic=topic,
        item=AgendaItemFactory(orientation=orientation, topic=topic, order=0),
    )
    world._east_orientation = objects
    return objects


# --- end of sessions' block ---------------------------------------------------------------------------------------
