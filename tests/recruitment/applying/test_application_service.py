"""The service behind the form guarantees all or nothing, and an invitation link stops pre-filling once it expires."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from recruitment.applying import services
from recruitment.models import GuardianConsent, PeerApplication
from tests.recruitment.factories import east_applying

pytestmark = pytest.mark.django_db

DATA = {
    "first_name": "Ava", "last_name": "Johnson", "grade": 4, "homeroom_teacher": "Mr. Patel", "email": "",
    "interests": ["art"], "interests_other": "", "why_join": "Friends.", "prior_experience": "",
    "heard_via": "posters", "guardian_name": "Grace Johnson", "guardian_email": "grace@family.example.org",
}


def test_a_failure_after_the_application_row_saves_nothing(world, django_capture_on_commit_callbacks):
    campaign = east_applying(world).campaign
    # The application allows a blank guardian; the consent needs one, so the service fails after the first save.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        services.application_submit(
            campaign=campaign, data={**DATA, "guardian_name": ""}, periods=[world.period], site_url="http://x/"
        )
    assert not PeerApplication.objects.filter(first_name="Ava").exists()
    assert not GuardianConsent.objects.filter(guardian_email="grace@family.example.org").exists()
    assert callbacks == []


def test_an_expired_invitation_no_longer_prefills(client, world, settings):
    settings.NOMINATION_INVITATION_LINK_DAYS = 30
    objects = east_applying(world)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        link = services.invitation_link(objects.nomination, site_url="http://testserver/")
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response.context["form"].initial == {}
    fresh = services.invitation_link(objects.nomination, site_url="http://testserver/")
    assert client.get(fresh.removeprefix("http://testserver")).context["form"].initial["first_name"] == "Maya"
