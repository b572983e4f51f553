"""The confirmation email to the applicant and the consent request to the guardian, sent once the application is
saved."""

import re

import pytest
from django.core import mail

from recruitment.models import GuardianConsent

pytestmark = pytest.mark.django_db


def test_applicant_and_guardian_are_emailed(client, older_apply_url, older_application_data,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(older_apply_url, older_application_data)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"ava@student.example.org", "grace@family.example.org"}
    confirmation = by_recipient["ava@student.example.org"]
    assert "Lunch Buddies" in confirmation.subject
    assert "Hi Ava," in confirmation.body
    request = by_recipient["grace@family.example.org"]
    assert "Ava would like to join Lunch Buddies" in request.subject
    assert "Dear Grace Johnson," in request.body
    link = re.search(r"http://testserver(/consent/\S+/)", request.body).group(1)
    consent = GuardianConsent.objects.get(guardian_email="grace@family.example.org")
    assert consent.sent_at is not None
    assert consent.link_expires_at > consent.sent_at
    assert client.get(link).status_code == 200


def test_no_confirmation_without_an_email(client, older_apply_url, older_application_data,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(older_apply_url, {**older_application_data, "email": ""})
    assert [message.to for message in mail.outbox] == [["grace@family.example.org"]]


def test_no_guardian_email_when_the_campaign_needs_no_consent(client, older_apply_url, older_application_data,
                                                              older_campaign, django_capture_on_commit_callbacks):
    older_campaign.requires_guardian_consent = False
    older_campaign.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(older_apply_url, older_application_data)
    assert [message.to for message in mail.outbox] == [["ava@student.example.org"]]


def test_nothing_is_sent_for_a_refused_application(client, apply_url, application_data,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(apply_url, {**application_data, "grade": "12"})
    assert callbacks == []
    assert mail.outbox == []


def test_markup_is_not_rendered_as_html_in_emails(client, older_apply_url, older_application_data,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(older_apply_url, {**older_application_data, "first_name": "<b>Ava</b>"})
    confirmation = next(m for m in mail.outbox if m.to == ["ava@student.example.org"])
    assert "Hi <b>Ava</b>," in confirmation.body  # plain-text email: shown as typed, never interpreted
    assert not getattr(confirmation, "alternatives", None)
