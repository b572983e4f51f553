"""The applying demo: nothing without the demo campaigns; for each, ten applicants of its own in every status,
nominations and consents in every state, decisions taken through the review services; running it twice changes
nothing."""

import pytest

import programs.demo
import schools.demo
from recruitment.applying import demo
from recruitment.campaigns import demo as campaign_demo
from recruitment.models import GuardianConsent, Nomination, PeerApplication, RecruitmentCampaign

pytestmark = pytest.mark.django_db


def test_nothing_happens_without_campaigns(world):
    assert demo.seed() == ""
    assert not PeerApplication.objects.exists()


@pytest.fixture
def campaigns(db):
    schools.demo.seed(password="demo-password")
    programs.demo.seed(password="demo-password")
    campaign_demo.seed()
    return list(RecruitmentCampaign.objects.select_related("program__school"))


def counts():
    return (PeerApplication.objects.count(), Nomination.objects.count(), GuardianConsent.objects.count(),
            PeerApplication.objects.filter(status="accepted", student__isnull=False).count())


def test_every_campaign_gets_applications_nominations_and_consents(campaigns):
    demo.seed()
    for campaign in campaigns:
        applications = PeerApplication.objects.filter(campaign=campaign)
        assert applications.count() == 10
        # Every decision a review makes; merged and discarded duplicates come from resubmissions, not from the demo.
        decisions = set(PeerApplication.Status.values) - set(PeerApplication.RESOLVED_DUPLICATE)
        assert set(applications.values_list("status", flat=True)) == decisions
        consents = GuardianConsent.objects.filter(application__campaign=campaign)
        assert set(consents.values_list("status", flat=True)) == set(GuardianConsent.Status.values)
        for application in applications.filter(status="accepted"):
            assert application.consent.is_valid() and application.student is not None
            assert application.decided_by.memberships.filter(school=campaign.program.school, role="coordinator")
        nominated = applications.filter(nomination__isnull=False)
        assert nominated.exists()
        assert Nomination.objects.filter(campaign=campaign, applications__isnull=True).exists()  # invited, not yet
    before = counts()
    demo.seed()
    assert counts() == before


def test_sofia_applied_with_her_mother_s_consent_and_was_accepted(campaigns):
    demo.seed()
    sofia = PeerApplication.objects.get(first_name="Sofia", last_name="Ramirez")
    assert sofia.status == "accepted" and sofia.student.user.username == "east.peer"
    assert sofia.consent.guardian_name == "Lucia Ramirez"
