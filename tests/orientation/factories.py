"""Factories of the ``orientation`` app, one block per area (each area's helper keeps its own block), and the
``east_*(world)`` builders the role matrix and the orientation tests share, each made once per ``world``."""

import datetime
from dataclasses import dataclass

import factory

from orientation.invitations.tokens import rsvp_token
from orientation.models import Invitation, Orientation, OrientationMeeting
from tests.programs.factories import ProgramFactory, east_program
from tests.schools.factories import TermFactory

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
