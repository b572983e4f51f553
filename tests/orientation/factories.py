"""Factories of the ``orientation`` app, and the ``east_*(world)`` builders the role matrix and the orientation tests
share (each made once per ``world``)."""

# --- Readiness area (attendance, make-ups, topics covered, readiness, handouts) -------------------------------------

import datetime
from dataclasses import dataclass

import factory

from orientation.models import (
    AgendaItem,
    Invitation,
    Orientation,
    OrientationMeeting,
    OrientationTopic,
    TopicCoverage,
)
from recruitment.models import Match
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import east_matching
from tests.schools.factories import TermFactory


class OrientationTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationTopic

    school = factory.SubFactory("tests.schools.factories.SchoolFactory")
    title = factory.Sequence(lambda n: f"Topic {n}: when to seek help from staff")
    is_required = True


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory(TermFactory, school=factory.SelfAttribute("..program.school"))
    title = factory.Sequence(lambda n: f"Peer orientation {n}")


class OrientationMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationMeeting

    orientation = factory.SubFactory(OrientationFactory)
    date = factory.LazyFunction(datetime.date.today)
    starts_at = datetime.time(15, 0)
    ends_at = datetime.time(16, 0)
    place = "Library"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    orientation = factory.SubFactory(OrientationFactory)
    topic = factory.SubFactory(OrientationTopicFactory, school=factory.SelfAttribute("..orientation.program.school"))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    orientation = factory.SubFactory(OrientationFactory)
    student = None
    user = None


class TopicCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicCoverage

    how = TopicCoverage.How.ONE_TO_ONE
    covered_on = factory.LazyFunction(datetime.date.today)


def confirmed_match(*, program, term, peer, focus_student):
    return Match.objects.create(
        program=program, term=term, peer=peer, focus_student=focus_student, status=Match.Status.CONFIRMED,
        explanation="Shares soccer.", score=10,
    )


@dataclass
class ReadinessObjects:
    program: object
    orientation: object
    meeting: object
    topic: object


def east_readiness(world) -> ReadinessObjects:
    """East's program with an orientation whose meeting (today) covers one required topic, the world's peer
    invited and taking part, and the peer confirmed as the world's focus student's partner (for the handouts)."""
    cached = getattr(world, "_east_readiness", None)
    if cached is not None:
        return cached
    # East's matching builder puts the peer and the focus student in the program, paired: confirm that pairing.
    match = east_matching(world).match
    match.status = Match.Status.CONFIRMED
    match.save(update_fields=["status"])
    program = match.program
    orientation = OrientationFactory(program=program, term=world.term, title="Fall peer orientation")
    meeting = OrientationMeetingFactory(orientation=orientation)
    topic = OrientationTopicFactory(school=world.school, title="When to seek help from staff")
    AgendaItemFactory(orientation=orientation, topic=topic)
    InvitationFactory(orientation=orientation, student=world.peer_student)
    world._east_readiness = ReadinessObjects(program=program, orientation=orientation, meeting=meeting, topic=topic)
    return world._east_readiness
