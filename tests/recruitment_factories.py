"""Factories of the recruitment app (kept apart from tests/factories.py so several areas can grow them)."""

import factory

from recruitment.models import (
    CampaignChannel,
    GuardianConsent,
    Nomination,
    PeerApplication,
    RecruitmentCampaign,
)

from .factories import ProgramFactory, TermFactory, UserFactory


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
