"""Sending the public form again with the same names and grade: a new application marked as a possible duplicate.

The public form never changes or reveals an existing application (issue 16: a prankster replaced an accepted,
consented application's answers and guardian email). The applicant reads and is emailed the same words either way,
and the thanks page says "we emailed your parent" only when a consent request was queued.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.applying import tokens
from recruitment.models import GuardianConsent, PeerApplication

pytestmark = pytest.mark.django_db

EMAILED = "We emailed your parent or guardian"


def thanks_text(response) -> str:
    """The words of the thanks page (without the per-request CSRF token and CSP nonce)."""
    body = response.content.decode()
    return re.search(r'<h1 class="h3">.*?</div></div>', body, re.S).group(0)


def submit(client, apply_url, data, capture):
    with capture(execute=True):
        response = client.post(apply_url, data, follow=True)
    assert response.status_code == 200
    return response


@pytest.fixture
def accepted(client, apply_url, application_data, campaign, django_capture_on_commit_callbacks):
    """Ava's application, accepted after Grace Johnson consented (as a coordinator's review leaves it)."""
    submit(client, apply_url, application_data, django_capture_on_commit_callbacks)
    application = PeerApplication.objects.get(first_name="Ava")
    application.consent.status = GuardianConsent.Status.CONSENTED
    application.consent.typed_name = "Grace Johnson"
    application.consent.save()
    application.status = PeerApplication.Status.ACCEPTED
    application.review_notes = "Great answers."
    application.save()
    mail.outbox.clear()
    return application


PRANK = {
    "first_name": " ava ", "last_name": "JOHNSON", "homeroom_teacher": "Nobody", "email": "prankster@example.org",
    "why_join": "lol", "interests": ["games"], "interests_other": "", "prior_experience": "",
    "guardian_name": "Prank Ster", "guardian_email": "prankster@example.org", "available_periods": [],
}


def test_a_prankster_cannot_change_an_accepted_consented_application(
    client, apply_url, application_data, accepted, django_capture_on_commit_callbacks
):
    before = {name: getattr(accepted, name) for name in ("first_name", "last_name", "homeroom_teacher", "email",
                                                          "why_join", "interests", "guardian_name", "guardian_email")}
    submit(client, apply_url, {**application_data, **PRANK}, django_capture_on_commit_callbacks)

    accepted.refresh_from_db()
    assert {name: getattr(accepted, name) for name in before} == before
    assert accepted.status == PeerApplication.Status.ACCEPTED
    assert accepted.review_notes == "Great answers."
    assert list(accepted.available_periods.values_list("name", flat=True)) != []
    consent = GuardianConsent.objects.get(application=accepted)
    assert (consent.guardian_email, consent.status) == ("grace@family.example.org", "consented")

    later = PeerApplication.objects.exclude(pk=accepted.pk).get(dedupe_key=accepted.dedupe_key)
    assert later.possible_duplicate_of == accepted
    assert later.status == PeerApplication.Status.SUBMITTED
    assert (later.why_join, later.guardian_email) == ("lol", "prankster@example.org")
    # The new application's consent is its own, for the address typed on it; Grace is not asked again.
    assert later.consent.guardian_email == "prankster@example.org"
    assert later.consent.status == GuardianConsent.Status.PENDING
    assert "grace@family.example.org" not in [address for message in mail.outbox for address in message.to]


def test_the_applicant_reads_and_is_emailed_the_same_words_either_way(
    client, older_apply_url, older_application_data, django_capture_on_commit_callbacks
):
    # A grade 8 student, who is asked for their own email and gets a copy of the answers.
    data = older_application_data
    submit(client, older_apply_url, {**data, "first_name": "Ava"}, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    fresh = submit(client, older_apply_url, {**data, "first_name": "Noah"}, django_capture_on_commit_callbacks)
    fresh_mail = [m for m in mail.outbox if m.to == [data["email"]]]
    mail.outbox.clear()
    again = submit(client, older_apply_url, {**data, "first_name": "Ava"}, django_capture_on_commit_callbacks)
    again_mail = [m for m in mail.outbox if m.to == [data["email"]]]

    assert thanks_text(again) == thanks_text(fresh).replace("Noah", "Ava")
    assert "already" not in thanks_text(again) and "updated" not in thanks_text(again)
    [fresh_confirmation], [again_confirmation] = fresh_mail, again_mail
    assert again_confirmation.subject == fresh_confirmation.subject
    assert again_confirmation.body == fresh_confirmation.body.replace("Noah", "Ava")


def test_we_emailed_your_parent_only_when_a_request_went_out(
    client, apply_url, application_data, accepted, django_capture_on_commit_callbacks
):
    # Ava's guardian already consented; the resubmission's own request goes to the address typed this time.
    response = submit(client, apply_url, {**application_data, "guardian_email": "dad@family.example.org"},
                      django_capture_on_commit_callbacks)
    assert EMAILED in thanks_text(response)
    [request] = [m for m in mail.outbox if m.to == ["dad@family.example.org"]]
    assert "/consent/" in request.body


def test_no_consent_campaign_does_not_say_we_emailed_your_parent(
    client, apply_url, application_data, campaign, django_capture_on_commit_callbacks
):
    campaign.requires_guardian_consent = False
    campaign.save()
    data = {name: value for name, value in application_data.items() if not name.startswith("guardian")}
    response = submit(client, apply_url, data, django_capture_on_commit_callbacks)
    assert EMAILED not in thanks_text(response)
    assert not GuardianConsent.objects.filter(application__first_name="Ava").exists()
    # A grade 4 child is not asked for their own email, so nothing at all was sent.
    assert mail.outbox == []


def test_a_bot_is_not_told_we_emailed_a_parent(client, apply_url, application_data, django_capture_on_commit_callbacks):
    response = submit(client, apply_url, {**application_data, "website": "http://spam.example"},
                      django_capture_on_commit_callbacks)
    assert EMAILED not in thanks_text(response)
    assert mail.outbox == []


def test_every_later_submission_points_to_the_earliest_open_application(
    client, apply_url, application_data, django_capture_on_commit_callbacks
):
    for why in ("First", "Second", "Third"):
        submit(client, apply_url, {**application_data, "why_join": why}, django_capture_on_commit_callbacks)
    first, second, third = PeerApplication.objects.filter(first_name="Ava").order_by("submitted_at", "pk")
    assert first.possible_duplicate_of is None
    assert second.possible_duplicate_of == first == third.possible_duplicate_of
    assert [a.why_join for a in (first, second, third)] == ["First", "Second", "Third"]


def test_a_resubmission_leaves_an_answered_consent_link_answered(
    client, apply_url, application_data, accepted, django_capture_on_commit_callbacks
):
    link = reverse("recruitment:consent", kwargs={
        "signed": tokens.sign(accepted.consent.token, salt=tokens.CONSENT_SALT)})
    submit(client, apply_url, {**application_data, **PRANK}, django_capture_on_commit_callbacks)
    assert client.get(link).context["kind"] == "answered"
