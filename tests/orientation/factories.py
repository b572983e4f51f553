"""Orientation rows for tests, and the ``east_*(world)`` builders the role matrix and the orientation tests share.

One block per area (the lead merges the five helpers' blocks): keep each area's factories inside its own block.
"""

import datetime
import io
from dataclasses import dataclass

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from orientation.invitations.tokens import rsvp_token
from orientation.models import (
    AgendaItem,
    Invitation,
    Orientation,
    OrientationMaterial,
    OrientationMeeting,
    OrientationTopic,
    Resource,
    TopicCoverage,
)
from orientation.services import topic_library_ensure
from recruitment.models import Match
from tests.programs.factories import ProgramFactory, east_program
from tests.recruitment.factories import east_matching
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


# --- Invitations area (meetings, invitations, RSVPs, reminders) ---


class InvitationsOrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory(TermFactory, school=factory.SelfAttribute("..program.school"))
    title = factory.Sequence(lambda n: f"Peer orientation {n}")
    description = "Getting to know each other, and how to be a good partner."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationMeeting

    orientation = factory.SubFactory(InvitationsOrientationFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
    starts_at = datetime.time(15, 15)
    ends_at = datetime.time(16, 15)
    slot = OrientationMeeting.Slot.AFTER_SCHOOL
    place = "Library"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    orientation = factory.SubFactory(InvitationsOrientationFactory)
    student = None
    user = None


@dataclass
class InvitationObjects:
    orientation: object
    meeting: object
    invitation: object
    rsvp_token: str
    # The cancel buttons' own rows, so cancelling leaves the pages of the others as they were.
    spare_orientation: object
    spare_meeting: object


def east_invitations(world) -> InvitationObjects:
    """East's orientation with a meeting next week and the matrix peer (Sofia) invited, and a spare orientation with
    a meeting for the cancel buttons."""
    cached = getattr(world, "_east_invitations", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    orientation = InvitationsOrientationFactory(program=program, term=world.term, title="Fall peer orientation")
    orientation.facilitators.add(world.user("coordinator"))
    meeting = MeetingFactory(orientation=orientation)
    invitation = InvitationFactory(orientation=orientation, student=world.peer_student)
    spare = InvitationsOrientationFactory(program=program, term=world.term, title="Spare orientation")
    objects = InvitationObjects(
        orientation=orientation,
        meeting=meeting,
        invitation=invitation,
        rsvp_token=rsvp_token(invitation),
        spare_orientation=spare,
        spare_meeting=MeetingFactory(orientation=spare),
    )
    world._east_invitations = objects
    return objects


# --- Readiness area (attendance, make-ups, topics covered, readiness, handouts) -------------------------------------


class ReadinessTopicFactory(factory.django.DjangoModelFactory):
    """A required topic of the school's own (readiness counts required topics)."""

    class Meta:
        model = OrientationTopic

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Topic {n}: when to seek help from staff")
    is_required = True


class ReadinessOrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory(TermFactory, school=factory.SelfAttribute("..program.school"))
    title = factory.Sequence(lambda n: f"Peer orientation {n}")


class ReadinessMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting held today: attendance is taken on the day or after."""

    class Meta:
        model = OrientationMeeting

    orientation = factory.SubFactory(ReadinessOrientationFactory)
    date = factory.LazyFunction(datetime.date.today)
    starts_at = datetime.time(15, 0)
    ends_at = datetime.time(16, 0)
    place = "Library"


class TopicCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicCoverage

    how = TopicCoverage.How.ONE_TO_ONE
    covered_on = factory.LazyFunction(datetime.date.today)


def confirmed_match(*, program, term, peer, focus_student):
    return Match.objects.create(
        program=program,
        term=term,
        peer=peer,
        focus_student=focus_student,
        status=Match.Status.CONFIRMED,
        explanation="Shares soccer.",
        score=10,
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
    orientation = ReadinessOrientationFactory(program=program, term=world.term, title="Fall peer orientation")
    meeting = ReadinessMeetingFactory(orientation=orientation)
    topic = ReadinessTopicFactory(school=world.school, title="When to seek help from staff")
    AgendaItemFactory(orientation=orientation, topic=topic)
    InvitationFactory(orientation=orientation, student=world.peer_student)
    world._east_readiness = ReadinessObjects(program=program, orientation=orientation, meeting=meeting, topic=topic)
    return world._east_readiness


# --- Resources: the resource library and an orientation's materials (helper h5) -----------------------------------


class LibraryTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationTopic

    school = factory.SubFactory("tests.schools.factories.SchoolFactory")
    title = factory.Sequence(lambda n: f"Topic {n}")
    plain_title = factory.LazyAttribute(lambda t: f"{t.title} (in plain words)")


class LibraryOrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory("tests.schools.factories.TermFactory", school=factory.SelfAttribute("..program.school"))
    title = factory.Sequence(lambda n: f"Orientation {n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A link by default; ``ResourceFactory(file=stored_pdf("name.pdf"))`` for a file."""

    class Meta:
        model = Resource

    school = factory.SubFactory("tests.schools.factories.SchoolFactory")
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")
    tags = factory.LazyFunction(lambda: ["orientation"])


class OrientationMaterialFactory(factory.django.DjangoModelFactory):
    """A link of the orientation's own by default."""

    class Meta:
        model = OrientationMaterial

    orientation = factory.SubFactory(LibraryOrientationFactory)
    title = factory.Sequence(lambda n: f"Handout {n}")
    url = factory.Sequence(lambda n: f"https://example.org/handout-{n}")


def one_page_pdf() -> bytes:
    """A real one-page PDF: the peer outputs test reads the text of every PDF a peer downloads."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored_pdf(name: str) -> str:
    """A PDF in the storage under ``name`` (written once: the role matrix runs with the project's MEDIA_ROOT)."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(one_page_pdf()))
    return name


@dataclass
class ResourceObjects:
    topic: object  # shown to peers
    resource: object  # a file attached to the public topic: peers may download it
    spare_resource: object  # deleted by the matrix's delete row, put back for the next role
    orientation: object  # the world's peer is invited
    material: object  # a file of the orientation's own
    spare_material: object  # removed by the matrix's remove row, put back for the next role

    def restore(self, name: str) -> dict:
        """Put a row a previous role deleted back with the same id, so the next role meets the same URL."""
        obj = getattr(self, name)
        if not type(obj).objects.filter(pk=obj.pk).exists():
            obj.save(force_insert=True)
        return {}


def east_resources(world) -> ResourceObjects:
    """East's library (a PDF on a topic shown to peers, written by the coordinator) and an orientation of East's
    program with two materials, the world's peer invited. Made once per ``world``."""
    cached = getattr(world, "_east_resources", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    topic = LibraryTopicFactory(school=world.school, title="When to seek help from staff", is_public=True)
    resource = ResourceFactory(
        school=world.school,
        title="Asking for help",
        url="",
        file=stored_pdf("resources/role-matrix/asking-for-help.pdf"),
        author=world.user("coordinator"),
    )
    resource.topics.add(topic)
    orientation = LibraryOrientationFactory(program=program, term=world.term, title="Fall orientation")
    Invitation.objects.create(orientation=orientation, student=world.peer_student)
    objects = ResourceObjects(
        topic=topic,
        resource=resource,
        spare_resource=ResourceFactory(school=world.school, title="Old poster", author=world.user("coordinator")),
        orientation=orientation,
        material=OrientationMaterialFactory(
            orientation=orientation, title="Agenda", url="", file=stored_pdf("orientation-materials/role-matrix.pdf")
        ),
        spare_material=OrientationMaterialFactory(orientation=orientation, title="Welcome video"),
    )
    world._east_resources = objects
    return objects


# --- end of resources' block ---------------------------------------------------------------------------------------


# --- Follow-up meetings: notes, action items, agenda (helper h4) --------------------------------------------------


class FollowupFactory(OrientationFactory):
    """A follow-up meeting: an orientation of kind follow-up later in the year."""

    kind = Orientation.Kind.FOLLOW_UP
    title = factory.Sequence(lambda n: f"Mid-year follow-up {n}")


def east_followup(world):
    """A follow-up meeting of East's program, made once per world."""
    cached = getattr(world, "_east_followup", None)
    if cached is None:
        cached = FollowupFactory(program=east_program(world).program, term=world.term, title="Winter follow-up")
        world._east_followup = cached
    return cached


# --- end of follow-ups' block -------------------------------------------------------------------------------------
