"""The verifier's signed link: confirm, change (with a note) or deny, once. A replayed link shows that it was answered
and changes nothing; a tampered, made-up, expired or other link's token is a clear 404 page, never a 500. The page
shows only what the verifier needs."""

import datetime
from decimal import Decimal

import pytest
from django.core import signing
from django.urls import reverse

from activities.models import ActivitySettings, ServiceHours
from activities.service.tokens import VERIFY_LINK_AGE, verify_token
from tests.activities.factories import east_service

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("activities:verify", kwargs={"token": token})


@pytest.fixture
def claim(world):
    return east_service(world).claim


def test_the_page_shows_only_the_first_name_date_hours_and_description(client, claim):
    page = client.get(url(verify_token(claim))).content.decode()
    assert "Sofia" in page and "Sorted cans at the food bank" in page and "2.00" in page
    assert "Ramirez" not in page
    assert "Dana Whitfield" not in page and "dana@foodbank" not in page  # nor any other record
    assert "Noah" not in page


def test_confirming_verifies_but_does_not_approve(client, claim):
    response = client.post(url(verify_token(claim)), {"answer": "confirm"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.CONFIRMED
    assert claim.approval == ServiceHours.Approval.PENDING  # verification is not approval
    assert claim.verified_at is not None


def test_changing_the_hours_needs_the_hours_and_a_note(client, claim):
    token = verify_token(claim)
    for data, message in (
        ({"answer": "change", "note": "Left early"}, "Give the hours you can confirm."),
        ({"answer": "change", "hours": "1.5"}, "Say briefly why the hours are different."),
        ({"answer": "change", "hours": "2", "note": "Same"}, "These are the hours claimed"),
        ({"answer": "change", "hours": "99", "note": "x"}, "at most 24 hours"),
        ({"answer": "maybe"}, "Choose your answer."),
        ({}, "Choose your answer."),
    ):
        response = client.post(url(token), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
        claim.refresh_from_db()
        assert claim.verification == ServiceHours.Verification.PENDING
    client.post(url(token), {"answer": "change", "hours": "1.5", "note": "Sofia left at noon."})
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.CHANGED
    assert claim.verified_hours == Decimal("1.50") and claim.counted_hours == Decimal("1.50")
    assert claim.hours == Decimal("2.00")  # the claim as made is kept
    assert claim.verifier_note == "Sofia left at noon."


def test_denying_leaves_the_decision_to_the_coordinator(client, claim):
    client.post(url(verify_token(claim)), {"answer": "deny", "note": "I do not know this student."})
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.DENIED
    assert claim.approval == ServiceHours.Approval.PENDING


def test_a_replayed_link_shows_it_was_answered_and_changes_nothing(client, claim):
    token = verify_token(claim)
    client.post(url(token), {"answer": "confirm"})
    claim.refresh_from_db()
    answered_at = claim.verified_at
    response = client.post(url(token), {"answer": "deny"}, follow=True)
    assert response.status_code == 200
    assert "already answered" in response.content.decode()
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.CONFIRMED and claim.verified_at == answered_at
    page = client.get(url(token)).content.decode()
    assert "already answered" in page and 'name="answer"' not in page


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        "1:abc:def",
        signing.TimestampSigner(salt="orientation.invitation-rsvp").sign("1"),
        signing.TimestampSigner(salt="activities.service-hours-verify").sign(str(2**70)),
        signing.TimestampSigner(salt="activities.service-hours-verify").sign("nine"),
    ],
)
def test_a_tampered_or_made_up_link_is_a_clear_404(client, claim, token):
    for method in ("get", "post"):
        response = getattr(client, method)(f"/activities/verify/{token}x/", {"answer": "confirm"})
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.PENDING


def test_a_link_for_another_entry_id_changed_by_hand_is_refused(client, claim):
    token = verify_token(claim)
    value, rest = token.split(":", 1)
    forged = f"{int(value) + 1}:{rest}"
    assert client.get(url(forged)).status_code == 404


def test_an_expired_link_is_refused(client, claim, monkeypatch):
    token = verify_token(claim)
    later = datetime.datetime.now().timestamp() + VERIFY_LINK_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(url(token), {"answer": "confirm"})
    assert response.status_code == 404
    claim.refresh_from_db()
    assert claim.verification == ServiceHours.Verification.PENDING


def test_a_link_of_hours_from_attendance_is_refused(client, world):
    entry = east_service(world).approved[0]
    assert client.get(url(verify_token(entry))).status_code == 404


def test_the_verifiers_confirmation_is_the_last_proof_the_program_asks_for(client, world, claim):
    ActivitySettings.objects.create(program=claim.program, auto_approve_hours=True, auto_approve_proofs=["verifier"])
    client.post(url(verify_token(claim)), {"answer": "confirm"})
    claim.refresh_from_db()
    assert claim.approval == ServiceHours.Approval.APPROVED and claim.decided_by is None


def test_a_program_asking_for_a_document_too_waits_for_both(client, world, claim):
    ActivitySettings.objects.create(
        program=claim.program, auto_approve_hours=True, auto_approve_proofs=["verifier", "document"]
    )
    claim.proof = ""
    claim.save()
    client.post(url(verify_token(claim)), {"answer": "confirm"})
    claim.refresh_from_db()
    assert claim.approval == ServiceHours.Approval.PENDING
