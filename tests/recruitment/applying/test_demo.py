"""The applying demo: nothing without campaigns; for each campaign applications in every status, nominations and
consents in every state; running it twice changes nothing."""

import pytest

from recruitment.applying import demo
from recruitment.models import GuardianConsent, Nomination, PeerApplication

from .objects import east_applying

pytestmark = pytest.mark.django_db


def test_nothing_happens_without_campaigns(world):
    assert demo.seed() == ""
    assert not PeerApplication.objects.exists()


def test_every_campaign_gets_applications_nominations_and_consents(world):
    campaign = east_applying(world).campaign
    demo.seed()
    counts = (PeerApplication.objects.count(), Nomination.objects.count(), GuardianConsent.objects.count())
    applications = PeerApplication.objects.filter(campaign=campaign)
    # Every decision a review makes; merged and discarded duplicates come from resubmissions, not from the demo.
    decisions = set(PeerApplication.Status.values) - set(PeerApplication.RESOLVED_DUPLICATE)
    assert set(applications.values_list("status", flat=True)) == decisions
    assert applications.filter(first_name=world.peer_student.first_name, nomination__isnull=False).exists()
    consents = GuardianConsent.objects.filter(application__campaign=campaign)
    assert set(consents.values_list("status", flat=True)) == set(GuardianConsent.Status.values)
    accepted = applications.filter(status="accepted")
    assert all(a.consent.status == "consented" for a in accepted)
    demo_reasons = [reasons for reasons, _index, _name in demo.NOMINATIONS]
    nominations = Nomination.objects.filter(campaign=campaign, reasons__in=demo_reasons)
    assert list(nominations.values_list("nominated_by", flat=True)) == [world.user("staff").pk] * 3
    demo.seed()
    assert counts == (PeerApplication.objects.count(), Nomination.objects.count(), GuardianConsent.objects.count())
