"""A peer answers an orientation invitation on their phone (390 px): from the dashboard's "Your orientation" to
their own page, and from the signed link in the email without signing in. Axe-clean and within the width."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from orientation.models import Invitation
from tests.orientation.factories import east_invitations

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_peer_answers_from_their_own_page_on_a_phone(new_page, live_server, world):
    objects = east_invitations(world)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("peer").username)

    panel = page.get_by_role("region", name="Your orientation")
    expect(panel).to_contain_text("Fall peer orientation")
    expect(panel).to_contain_text("Library")
    expect(panel).to_contain_text("Not answered yet")
    assert_no_axe_violations(page)
    fits(page)

    panel.get_by_role("link", name="Answer or see all meetings").click()
    expect(page.get_by_role("heading", name="Your orientation", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    fits(page)
    page.get_by_role("button", name="Yes, I'm coming").click()

    expect(page.get_by_text("Thank you, your answer is saved.")).to_be_visible()
    expect(page.get_by_text("Your answer: Coming")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, I'm coming")).to_have_attribute("aria-pressed", "true")
    save_screenshot(page, "phone-orientation-mine")
    assert_no_axe_violations(page)
    fits(page)
    assert Invitation.objects.get(pk=objects.invitation.pk).response == Invitation.Response.YES


def test_a_peer_answers_from_the_signed_link_on_a_phone(new_page, live_server, world):
    objects = east_invitations(world)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + reverse("orientation:rsvp", kwargs={"token": objects.rsvp_token}))

    expect(page.get_by_role("heading", name="Fall peer orientation")).to_be_visible()
    expect(page.get_by_text("Hello Sofia, you are invited.")).to_be_visible()
    assert_no_axe_violations(page)
    fits(page)
    page.get_by_role("button", name="No, I can't come").click()

    expect(page.get_by_text("Thank you, your answer is saved.")).to_be_visible()
    expect(page.get_by_text("Your answer: Can't come")).to_be_visible()
    save_screenshot(page, "phone-orientation-rsvp")
    assert_no_axe_violations(page)
    fits(page)
    assert Invitation.objects.get(pk=objects.invitation.pk).response == Invitation.Response.NO
