"""Spam and abuse on the public form: the honeypot and the rate limit per IP (resubmissions: test_resubmission.py)."""

import pytest
from django.core import mail
from django.test import override_settings

from recruitment.models import GuardianConsent, PeerApplication

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_thanked_and_nothing_is_saved(client, apply_url, application_data,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url, {**application_data, "website": "http://spam.example"}, follow=True)
    assert response.status_code == 200
    assert "Thank you!" in response.content.decode()
    assert not PeerApplication.objects.filter(first_name="Ava").exists()
    assert not GuardianConsent.objects.filter(guardian_email="grace@family.example.org").exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, apply_url):
    body = client.get(apply_url).content.decode()
    start = body.index('name="website"')
    wrapper = body.rfind("<div", 0, start)
    assert 'class="d-none" aria-hidden="true"' in body[wrapper:start]
    assert 'tabindex="-1"' in body[start:body.index(">", start)]


@override_settings(APPLY_RATE="3/h")
def test_too_many_posts_from_one_address_get_a_friendly_429(client, apply_url, application_data):
    for number in range(3):
        response = client.post(apply_url, {**application_data, "first_name": f"Ava{number}"})
        assert response.status_code == 302
    response = client.post(apply_url, {**application_data, "first_name": "Ava9"})
    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert not PeerApplication.objects.filter(first_name="Ava9").exists()
    # Reading the form is not limited; another address is counted on its own.
    assert client.get(apply_url).status_code == 200
    other = client.post(apply_url, {**application_data, "first_name": "Zoe"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


def test_invalid_posts_count_towards_the_limit_too(client, apply_url, settings):
    settings.APPLY_RATE = "2/h"
    assert client.post(apply_url, {}).status_code == 200
    assert client.post(apply_url, {}).status_code == 200
    assert client.post(apply_url, {}).status_code == 429


def test_the_same_name_in_another_grade_is_another_person(client, apply_url, application_data):
    client.post(apply_url, application_data)
    client.post(apply_url, {**application_data, "grade": "5"})
    assert PeerApplication.objects.filter(first_name="Ava").count() == 2
