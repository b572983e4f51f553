"""Links for people without an account never change or reveal more than they are for: the nominee's invitation
pre-fills the names and grade only, and a consent or renewal link of a consent a coordinator merged away or
discarded opens nothing. (The parent's disclosures page: tests/privacy/test_guardian_link.py.)"""

import uuid

import pytest
from django.urls import reverse

from recruitment.applying import duplicates, services, tokens
from recruitment.models import PeerApplication
from tests.recruitment.factories import GuardianConsentFactory, NominationFactory, PeerApplicationFactory, east_applying
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_prefills_the_nominees_names_and_grade_only(client, world):
    campaign = east_applying(world).campaign
    peer = StudentFactory(school=world.school, first_name="Mina", last_name="Park", grade=4, homeroom="Room 12",
                          interests="Secret diary", prior_experience="Confidential story")
    nomination = NominationFactory(campaign=campaign, nominated_by=world.user("staff"), student=peer,
                                   first_name="", last_name="", grade=4, reasons="Kind to everyone, quiet at home.")
    # An application Mina already sent is not shown to whoever holds the link either.
    PeerApplicationFactory(campaign=campaign, first_name="Mina", last_name="Park", grade=4,
                           why_join="My earlier answer", guardian_email="mom@family.example.org")
    link = services.invitation_link(nomination, site_url="http://testserver").removeprefix("http://testserver")
    response = client.get(link)
    form = response.context["form"]
    assert set(form.initial) == {"first_name", "last_name", "grade", "heard_via", "invite"}
    page = response.content.decode()
    for private in ("Room 12", "Secret diary", "Confidential story", "Kind to everyone", "My earlier answer",
                    "mom@family.example.org"):
        assert private not in page


def test_applying_with_an_invitation_again_adds_a_possible_duplicate(client, world, application_data):
    campaign = east_applying(world).campaign
    nomination = NominationFactory(campaign=campaign, nominated_by=world.user("staff"), first_name="Ava",
                                   last_name="Johnson", grade=4)
    earlier = PeerApplicationFactory(campaign=campaign, first_name="Ava", last_name="Johnson", grade=4,
                                     why_join="Mine.", status="accepted")
    signed = tokens.sign(nomination.invitation_token, salt=tokens.INVITATION_SALT)
    apply_url = reverse("recruitment:apply", kwargs={"pk": campaign.pk})
    assert client.post(apply_url, {**application_data, "invite": signed}).status_code == 302
    earlier.refresh_from_db()
    assert (earlier.why_join, earlier.status, earlier.nomination) == ("Mine.", "accepted", None)
    later = PeerApplication.objects.get(possible_duplicate_of=earlier)
    assert later.nomination == nomination


@pytest.mark.parametrize("invite", ["forged", "x" * 5000, "1:2:3", "\u00b2"])
def test_a_forged_invitation_on_the_form_is_ignored(client, world, application_data, invite):
    campaign = east_applying(world).campaign
    apply_url = reverse("recruitment:apply", kwargs={"pk": campaign.pk})
    assert client.get(apply_url, {"invite": invite}).status_code == 200
    response = client.post(apply_url, {**application_data, "invite": invite})
    assert response.status_code in (200, 302)
    assert not PeerApplication.objects.filter(first_name="Ava", nomination__isnull=False).exists()


def test_the_consent_link_of_a_discarded_duplicate_opens_nothing(client, world):
    objects = east_applying(world)
    consent = GuardianConsentFactory(application=objects.duplicate)
    link = reverse("recruitment:consent", kwargs={"signed": tokens.sign(consent.token, salt=tokens.CONSENT_SALT)})
    assert "form" in client.get(link).context
    duplicates.duplicate_discard(duplicate=objects.duplicate, decided_by=world.user("coordinator"))
    assert client.get(link).context["kind"] == "invalid"
    response = client.post(link, {"answer": "yes", "typed_name": "Someone"})
    assert response.context["kind"] == "invalid"
    consent.refresh_from_db()
    assert consent.status == "pending"


def test_the_renewal_link_of_a_consent_merged_away_opens_nothing(client, world):
    objects = east_applying(world)
    earlier = PeerApplicationFactory(campaign=objects.campaign, first_name="Ava", last_name="Johnson", grade=4,
                                     status="accepted", guardian_email="grace@family.example.org")
    grace = GuardianConsentFactory(application=earlier, status="consented", renewal_token=uuid.uuid4())
    later = PeerApplicationFactory(campaign=objects.campaign, first_name="Ava", last_name="Johnson", grade=4,
                                   guardian_email="dan@family.example.org", possible_duplicate_of=earlier)
    link = reverse("recruitment:consent_renew",
                   kwargs={"signed": tokens.sign(grace.renewal_token, salt=tokens.RENEWAL_SALT)})
    assert "form" in client.get(link).context
    duplicates.duplicate_merge(duplicate=later, take=["guardian"], decided_by=world.user("coordinator"),
                               site_url="http://testserver")
    grace.refresh_from_db()
    assert grace.application == later
    assert client.get(link).context["kind"] == "invalid"
