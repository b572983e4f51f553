"""A coordinator on a phone compares a possible duplicate, merges it answer by answer, and changes a guardian: every
page axe-clean, no wider than the phone, every button reachable."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.recruitment.factories import GuardianConsentFactory, PeerApplicationFactory, east_applying

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser

DOCUMENT_WIDTH = "document.documentElement.scrollWidth"


def fits_the_phone(page):
    assert page.evaluate(DOCUMENT_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)


def test_a_coordinator_merges_a_duplicate_and_changes_the_guardian_on_a_phone(new_page, live_server, world):
    campaign = east_applying(world).campaign
    earlier = PeerApplicationFactory(
        campaign=campaign, first_name="Ava", last_name="Johnson", status="accepted", why_join="Friends.",
        guardian_name="Grace Johnson", guardian_email="grace@family.example.org",
    )
    GuardianConsentFactory(application=earlier, status="consented", typed_name="Grace Johnson")
    later = PeerApplicationFactory(
        campaign=campaign, first_name="Ava", last_name="Johnson", why_join="A much longer answer " * 20,
        guardian_name="Dan Johnson", guardian_email="dan.johnson.with.a.long.address@family.example.org",
        possible_duplicate_of=earlier,
    )
    GuardianConsentFactory(application=later)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("coordinator").username)

    page.goto(live_server.url + reverse("recruitment:review_queue", kwargs={"pk": campaign.pk}))
    page.get_by_role("link", name="Possible duplicate: compare Ava Johnson").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Is this the same child?")
    fits_the_phone(page)
    save_screenshot(page, "phone-duplicate-merge")

    page.get_by_role("group", name="Why they want to join").get_by_label(re.compile("Take the later answer")).check()
    page.get_by_role("button", name="Merge into the earlier application").click()
    expect(page.get_by_text("The applications are merged.")).to_be_visible()
    fits_the_phone(page)
    earlier.refresh_from_db()
    assert earlier.why_join.startswith("A much longer answer")

    page.get_by_role("link", name="Change", exact=True).click()
    fits_the_phone(page)
    page.get_by_label("Parent or guardian's email").fill("grace.new@family.example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("A consent request was emailed to grace.new@family.example.org")).to_be_visible()
    fits_the_phone(page)
