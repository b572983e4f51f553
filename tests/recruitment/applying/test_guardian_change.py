"""Staff change an application's parent or guardian; the consent follows the email address it was given from.

A corrected name keeps the consent; a new address ends it (written into the history, its links stop working) and
the new address is emailed a request. Reviewers only; another school's application is a 404; bad input changes
nothing. The admin cannot change the guardian at all."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.applying import tokens
from recruitment.applying.selectors import ConsentState, application_consent_state
from recruitment.models import GuardianConsent, PeerApplication
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory, east_applying

pytestmark = pytest.mark.django_db


def url(application) -> str:
    return reverse("recruitment:application_guardian", kwargs={"pk": application.pk})


@pytest.fixture
def accepted(world):
    application = PeerApplicationFactory(
        campaign=east_applying(world).campaign, first_name="Ava", last_name="Johnson", status="accepted",
        guardian_name="Grace Johnson", guardian_email="grace@family.example.org",
    )
    GuardianConsentFactory(application=application, status="consented", typed_name="Grace Johnson")
    return application


def consent_link(consent) -> str:
    return reverse("recruitment:consent", kwargs={"signed": tokens.sign(consent.token, salt=tokens.CONSENT_SALT)})


def test_a_new_address_ends_the_old_consent_and_asks_the_new_one(
    client, client_for, accepted, django_capture_on_commit_callbacks
):
    old_link = consent_link(accepted.consent)
    assert application_consent_state(accepted) == ConsentState.VALID
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(url(accepted), {
            "guardian_name": "Dan Johnson", "guardian_email": "dan@family.example.org"}, follow=True)
    assert "A consent request was emailed to dan@family.example.org" in response.content.decode()
    accepted.refresh_from_db()
    assert (accepted.guardian_name, accepted.guardian_email) == ("Dan Johnson", "dan@family.example.org")
    assert accepted.status == "accepted"
    consent = GuardianConsent.objects.get(application=accepted)
    assert (consent.guardian_email, consent.status) == ("dan@family.example.org", "pending")
    assert application_consent_state(accepted) == ConsentState.PENDING
    # Nothing lost: the old consent's facts are in the history, which the review page shows.
    assert "Grace Johnson <grace@family.example.org>" in accepted.history
    assert "Consented" in accepted.history and "signed “Grace Johnson”" in accepted.history
    assert "no longer counts" in response.content.decode()
    [request] = mail.outbox
    assert request.to == ["dan@family.example.org"]
    new_link = re.search(r"http://testserver(/consent/\S+)", request.body).group(1)
    client_for("anonymous")
    assert client.get(old_link).context["kind"] == "invalid"
    assert client.get(new_link).context["consent"] == consent


def test_correcting_the_name_keeps_the_consent(client_for, accepted, django_capture_on_commit_callbacks):
    consent = accepted.consent
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(url(accepted), {
            "guardian_name": "Grace A. Johnson", "guardian_email": "GRACE@family.example.org"})
    accepted.refresh_from_db()
    assert accepted.guardian_name == "Grace A. Johnson"
    assert GuardianConsent.objects.get(application=accepted).pk == consent.pk
    assert application_consent_state(accepted) == ConsentState.VALID
    assert mail.outbox == []
    assert "corrected the parent or guardian's name" in accepted.history


@pytest.mark.parametrize("data,field", [
    ({"guardian_name": "Dan", "guardian_email": ""}, "guardian_email"),
    ({"guardian_name": "Dan", "guardian_email": "not an email"}, "guardian_email"),
    ({"guardian_name": "", "guardian_email": "dan@family.example.org"}, "guardian_name"),
    ({"guardian_name": "x" * 201, "guardian_email": "dan@family.example.org"}, "guardian_name"),
])
def test_bad_input_gets_a_message_and_changes_nothing(client_for, accepted, data, field):
    response = client_for("coordinator").post(url(accepted), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    accepted.refresh_from_db()
    assert accepted.guardian_email == "grace@family.example.org"
    assert accepted.consent.status == "consented"


def test_a_merged_duplicate_cannot_get_a_guardian(client_for, accepted):
    merged = PeerApplicationFactory(campaign=accepted.campaign, status="merged", possible_duplicate_of=accepted)
    response = client_for("coordinator").post(url(merged), {
        "guardian_name": "Dan", "guardian_email": "dan@family.example.org"})
    assert response.status_code == 200
    assert "merged or discarded" in response.content.decode()
    assert not GuardianConsent.objects.filter(application=merged).exists()


def test_only_reviewers_of_the_school_change_a_guardian(client_for, accepted, world):
    data = {"guardian_name": "Prank", "guardian_email": "prankster@example.org"}
    assert client_for("staff").post(url(accepted), data).status_code == 403
    assert client_for("other_coordinator").post(url(accepted), data).status_code == 404
    putnam = PeerApplicationFactory(campaign=CampaignFactory(program__school=world.other_school))
    assert client_for("coordinator").post(url(putnam), data).status_code == 404
    accepted.refresh_from_db()
    assert accepted.guardian_email == "grace@family.example.org"


def test_the_admin_cannot_change_the_guardian_or_the_duplicate_mark(rf):
    from django.contrib import admin

    model_admin = admin.site._registry[PeerApplication]
    readonly = set(model_admin.get_readonly_fields(rf.get("/")))
    assert {"guardian_name", "guardian_email", "possible_duplicate_of", "history"} <= readonly
