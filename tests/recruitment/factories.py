"""Factories of the ``recruitment`` app: campaigns and their channels, nominations, applications, guardian consents;
and East's recruitment objects the role matrix and the recruitment tests share, each built once per ``world`` (kept
on it) so every row of the role matrix reaches the same objects:

- ``east_applying``: an open campaign (on a program of its own, so it never meets another builder's campaign on the
  unique program and term) with one nomination and one pending guardian consent;
- ``east_campaign``: the campaign of East's program (``tests.programs.factories.east_program``) with a channel and an
  application;
- ``east_matching``: East's program with a focus student, a peer free at the student's lunch, and one proposed match;
- ``east_materials``: a campaign of East's program with a ready poster (US Letter) whose hash is the current one, so the
  matrix's "prepare" POST answers from the cache and renders nothing.

Every test builds recruitment's rows from here."""

import uuid
from dataclasses import dataclass

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from recruitment.applying import tokens
from recruitment.materials import selectors as material_selectors
from recruitment.materials import services as material_services
from recruitment.models import (
    CampaignChannel,
    GuardianConsent,
    Match,
    Nomination,
    PeerApplication,
    RecruitmentCampaign,
    RecruitmentMaterial,
)
from schools.models import PeerAvailability
from tests.programs.factories import PDF_BYTES, ProgramFactory, ProgramParticipantFactory, east_program
from tests.schools.factories import TermFactory, UserFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruitmentCampaign

    program = factory.SubFactory(ProgramFactory)
    term = factory.SubFactory(TermFactory, school=factory.SelfAttribute("..program.school"))
    target_peers = 12
    accepting_applications = True
    what_peers_do = "Eat lunch together, play games at recess, and plan a monthly event."
    time_commitment = "One lunch a week"
    how_to_join = "Fill in the application by Friday."


class CampaignChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignChannel

    campaign = factory.SubFactory(CampaignFactory)
    channel = "posters"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    campaign = factory.SubFactory(CampaignFactory)
    nominated_by = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    grade = 4
    reasons = "Kind to everyone in class; would enjoy new friendships."


class PeerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerApplication

    campaign = factory.SubFactory(CampaignFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    grade = 4
    homeroom_teacher = "Ms. Morgan"
    interests = ["sports", "art"]
    why_join = "I want to make new friends."
    heard_via = "posters"
    guardian_name = "Pat Guardian"
    guardian_email = factory.Sequence(lambda n: f"guardian{n}@family.example.org")


class GuardianConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianConsent

    application = factory.SubFactory(PeerApplicationFactory)
    guardian_name = factory.SelfAttribute("application.guardian_name")
    guardian_email = factory.SelfAttribute("application.guardian_email")


# --- East's open campaign with a nomination and a pending consent (applying) ---


@dataclass
class ApplyingObjects:
    campaign: object
    nomination: object
    application: object
    consent: object
    # Liam Chen sent the form again: a possible duplicate of ``application`` for the merge page.
    duplicate: object

    @property
    def consent_link(self) -> str:
        return tokens.sign(self.consent.token, salt=tokens.CONSENT_SALT)


def east_applying(world) -> ApplyingObjects:
    cached = getattr(world, "_east_applying", None)
    if cached is not None:
        return cached
    program = ProgramFactory(school=world.school, name="Lunch Buddies", purposes=["friendships"])
    campaign = CampaignFactory(program=program, term=world.term)
    nomination = NominationFactory(
        campaign=campaign, nominated_by=world.user("staff"), first_name="Maya", last_name="Okafor", grade=4
    )
    application = PeerApplicationFactory(campaign=campaign, first_name="Liam", last_name="Chen", grade=4)
    consent = GuardianConsentFactory(application=application)
    duplicate = PeerApplicationFactory(
        campaign=campaign,
        first_name="Liam",
        last_name="Chen",
        grade=4,
        why_join="I asked again.",
        possible_duplicate_of=application,
    )
    objects = ApplyingObjects(
        campaign=campaign, nomination=nomination, application=application, consent=consent, duplicate=duplicate
    )
    world._east_applying = objects
    return objects


def east_renewal_link(world) -> str:
    """A signed renewal link for a consented, accepted peer of East's campaign (made when its row is requested)."""
    applying = east_applying(world)
    application = PeerApplicationFactory(
        campaign=applying.campaign, first_name="Ava", last_name="Renew", grade=4, status="accepted"
    )
    consent = GuardianConsentFactory(application=application, status="consented", renewal_token=uuid.uuid4())
    return tokens.sign(consent.renewal_token, salt=tokens.RENEWAL_SALT)


# --- East's campaign with a channel and an application (campaigns) ---


@dataclass
class CampaignObjects:
    campaign: object
    channel: object
    application: object


def east_campaign(world) -> CampaignObjects:
    cached = getattr(world, "_east_campaign", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    # Another area's objects may have started the same program's campaign for this term already: share it.
    campaign = RecruitmentCampaign.objects.filter(program=program, term=world.term).first() or CampaignFactory(
        program=program, term=world.term
    )
    campaign.target_peers = 10
    campaign.save()
    objects = CampaignObjects(
        campaign=campaign,
        channel=CampaignChannelFactory(campaign=campaign, channel="posters", owner=world.user("coordinator")),
        application=PeerApplicationFactory(campaign=campaign, first_name="Maya", last_name="Chen", grade=4),
    )
    world._east_campaign = objects
    return objects


# --- East's program with a proposed match (matching) ---


@dataclass
class MatchingObjects:
    program: object
    match: object

    def restore(self) -> dict:
        """Put the match a previous role removed back, proposed, with the same id, so the next role meets it."""
        if not Match.objects.filter(pk=self.match.pk).exists():
            self.match.status = Match.Status.PROPOSED
            self.match.save(force_insert=True)
        return {}


def east_matching(world) -> MatchingObjects:
    cached = getattr(world, "_east_matching", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    ProgramParticipantFactory(program=program, student=world.focus_student)
    ProgramParticipantFactory(program=program, student=world.peer_student)
    PeerAvailability.objects.get_or_create(student=world.peer_student, period=world.period, weekday=0)
    match = Match.objects.create(
        program=program,
        term=world.term,
        focus_student=world.focus_student,
        peer=world.peer_student,
        explanation="Shares soccer and drawing; both free Lunch (Mon); 1 grade apart.",
        score=31,
    )
    objects = MatchingObjects(program=program, match=match)
    world._east_matching = objects
    return objects


# --- East's campaign with a ready poster (materials) ---

# A fixed name: the role matrix runs with the project's MEDIA_ROOT, so the file is written once and reused.
MATRIX_POSTER = "recruitment/materials/role-matrix/poster-letter.pdf"


@dataclass
class MaterialObjects:
    campaign: object
    poster: object


def east_materials(world) -> MaterialObjects:
    cached = getattr(world, "_east_materials", None)
    if cached is not None:
        return cached
    campaign = CampaignFactory(program=east_program(world).program, term=world.term)
    if not default_storage.exists(MATRIX_POSTER):
        default_storage.save(MATRIX_POSTER, ContentFile(PDF_BYTES))
    content = material_selectors.material_content(campaign=campaign)
    poster = RecruitmentMaterial.objects.create(
        campaign=campaign,
        kind="poster",
        paper="letter",
        status=RecruitmentMaterial.Status.READY,
        source_hash=material_services.material_source_hash(content=content, kind="poster", paper="letter"),
        file=MATRIX_POSTER,
    )
    world._east_materials = MaterialObjects(campaign=campaign, poster=poster)
    return world._east_materials
