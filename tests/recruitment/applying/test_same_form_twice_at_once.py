"""The same public form sent twice in the same second (a double click, two tabs): two applications, the second
marked as a possible duplicate of the first, never two unmarked rows of one child and never a 500. On the real
PostgreSQL, two connections."""

import pytest
from django.test import Client

from recruitment.applying import services
from recruitment.models import PeerApplication
from tests.concurrency import at_once, require_postgresql, slowed

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_the_same_form_sent_twice_at_once_saves_a_marked_duplicate(campaign, apply_url, application_data, monkeypatch):
    require_postgresql()
    # The first submission takes a moment over its consent request, inside its transaction: without the campaign's
    # row lock, the second would look for an earlier application meanwhile and find none.
    slowed(monkeypatch, services, "consent_request")

    def send():
        response = Client(REMOTE_ADDR="203.0.113.7").post(apply_url, application_data, follow=True)
        return response.status_code, response.content.decode()

    outcomes = at_once(send, send)

    for outcome in outcomes:
        assert outcome.error is None, outcome.error
        status, body = outcome.value
        assert status == 200
        assert "We emailed your parent or guardian" in body
    first, second = PeerApplication.objects.filter(campaign=campaign, first_name="Ava").order_by("submitted_at", "pk")
    assert first.possible_duplicate_of is None
    assert second.possible_duplicate_of == first
    # Each has its own consent request (a duplicate's guardian answers for that row until a coordinator merges it).
    assert first.consent.guardian_email == second.consent.guardian_email == "grace@family.example.org"
