"""A peer applies on a phone, and a guardian consents from the emailed link: every public page axe-clean."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.recruitment.factories import east_applying

from .conftest import PHONE, assert_no_axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def test_a_peer_applies_on_a_phone_and_the_guardian_consents(new_page, live_server, world, settings):
    settings.RATELIMIT_ENABLE = False
    campaign = east_applying(world).campaign
    page = new_page(viewport=PHONE)

    page.goto(live_server.url + reverse("recruitment:join"))
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-join-list")
    page.goto(live_server.url + reverse("recruitment:join_campaign", kwargs={"pk": campaign.pk}))
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("recruitment:apply", kwargs={"pk": campaign.pk}))
    assert_no_axe_violations(page)

    page.get_by_label("First name").fill("Zoe")
    page.get_by_label("Last name").fill("Park")
    page.get_by_label("Grade").select_option(label="Grade 4")
    page.get_by_label("Homeroom teacher").fill("Ms. Morgan")
    page.get_by_label("Art and drawing").check()
    page.get_by_label("Why do you want to join?").fill("I like making new friends.")
    page.get_by_label("How did you hear about us?").select_option("posters")
    page.get_by_label("Your parent or guardian's name").fill("Min Park")
    page.get_by_label("Your parent or guardian's email").fill("min.park@family.example.org")
    save_screenshot(page, "phone-apply-form")
    page.get_by_role("button", name=re.compile("send|apply|submit", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/thanks/" in page.url
    assert_no_axe_violations(page)

    consent_email = next(m for m in mail.outbox if "min.park@family.example.org" in m.to)
    link = re.search(r"https?://[^/\s]+(/consent/\S+)", consent_email.body).group(1)
    page.goto(live_server.url + link)
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-consent")
    page.get_by_label("Yes, my child may join").check()
    page.get_by_label("Type your full name to sign").fill("Min Park")
    page.get_by_role("button", name=re.compile("send|submit|save|answer", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    from recruitment.models import GuardianConsent

    consent = GuardianConsent.objects.get(guardian_email="min.park@family.example.org")
    assert (consent.status, consent.typed_name) == ("consented", "Min Park")
