"""Recruitment's public read surface (``recruitment.selectors``), the one later apps (orientation, activities,
evaluation) build on: who is paired with whom in a program, and which of its peers may be placed into something new."""

import datetime

from programs.models import ProgramParticipant
from recruitment import selectors
from recruitment.models import Match
from schools.dates import school_today
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory, TermFactory


def taking_part(program, **kwargs):
    student = StudentFactory(school=program.school, **kwargs)
    ProgramParticipantFactory(program=program, student=student)
    return student


def pair(program, term, focus_student, peer, status):
    return Match.objects.create(program=program, term=term, focus_student=focus_student, peer=peer, status=status)


def accepted_with_consent(program, peer, *, status="consented", valid_until=None):
    """``peer`` joined through a campaign of ``program`` that asks for a guardian's consent."""
    campaign = CampaignFactory(program=program, requires_guardian_consent=True)
    application = PeerApplicationFactory(
        campaign=campaign, first_name=peer.first_name, last_name=peer.last_name, status="accepted", student=peer
    )
    GuardianConsentFactory(application=application, status=status, valid_until=valid_until)


def names(pairs):
    return {(match.peer.first_name, match.focus_student.first_name) for match in pairs}


def test_confirmed_pairs_are_the_confirmed_matches_of_the_program_only(world):
    program = ProgramFactory(school=world.school)
    noah = world.focus_student
    lily = FocusStudentFactory(school=world.school, first_name="Lily")
    sofia = world.peer_student
    harper = StudentFactory(school=world.school, first_name="Harper")
    mason = StudentFactory(school=world.school, first_name="Mason")
    pair(program, world.term, noah, sofia, Match.Status.CONFIRMED)
    pair(program, world.term, lily, harper, Match.Status.CONFIRMED)
    pair(program, world.term, lily, mason, Match.Status.PROPOSED)
    pair(program, world.term, noah, mason, Match.Status.ENDED)
    # The same school's other program: its pairs are not this program's.
    other_program = ProgramFactory(school=world.school)
    pair(other_program, world.term, noah, harper, Match.Status.CONFIRMED)

    assert names(selectors.confirmed_pairs(program=program)) == {("Sofia", "Noah"), ("Harper", "Lily")}


def test_confirmed_pairs_of_one_term(world):
    program = ProgramFactory(school=world.school)
    spring = TermFactory(school=world.school, name="Spring")
    harper = StudentFactory(school=world.school, first_name="Harper")
    pair(program, world.term, world.focus_student, world.peer_student, Match.Status.CONFIRMED)
    pair(program, spring, world.focus_student, harper, Match.Status.CONFIRMED)

    assert names(selectors.confirmed_pairs(program=program, term=spring)) == {("Harper", "Noah")}
    assert names(selectors.confirmed_pairs(program=program)) == {("Sofia", "Noah"), ("Harper", "Noah")}


def test_peers_with_valid_consent_leave_out_missing_or_expired_consent_and_peers_not_taking_part(world):
    program = ProgramFactory(school=world.school)
    today = school_today(world.school)
    valid = taking_part(program, first_name="Valid")
    accepted_with_consent(program, valid, valid_until=today + datetime.timedelta(days=30))
    expired = taking_part(program, first_name="Expired")
    accepted_with_consent(program, expired, valid_until=today - datetime.timedelta(days=1))
    waiting = taking_part(program, first_name="Waiting")
    accepted_with_consent(program, waiting, status="pending")
    # Added by hand to the program: no campaign asked for a guardian's consent.
    taking_part(program, first_name="ByHand")
    left = taking_part(program, first_name="Left")
    ProgramParticipant.objects.filter(student=left).update(status=ProgramParticipant.Status.LEFT)
    # A peer of another program of the school, consent or not, is not this program's.
    taking_part(ProgramFactory(school=world.school), first_name="Elsewhere")
    # A focus student taking part is not a peer.
    ProgramParticipantFactory(program=program, student=world.focus_student)

    peers = selectors.peers_with_valid_consent(program=program)

    assert set(peers.values_list("first_name", flat=True)) == {"Valid", "ByHand"}
