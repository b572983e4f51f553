"""Friendships in the browser at phone width (390 px): a peer names who they spent time with on their phone, and the
coordinator reads the friendship map (the picture scales, the tables scroll inside their box). Axe-clean, nothing
wider than the phone.

Screenshots land in test-artifacts/ (phone-contacts, phone-friendship-map)."""

import pytest
from playwright.sync_api import expect

from evaluation.models import ContactNomination
from tests.evaluation.friendships.factories import east_friendships

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_a_peer_names_their_contacts_on_a_phone(new_page, world):
    objects = east_friendships(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)

    page.goto(f"/evaluation/responses/{objects.sofia_response.pk}/contacts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who did you spend time with?")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)

    liam = page.get_by_role("group", name="Liam")
    liam.get_by_text("We spent time together out of school").click()
    liam.get_by_text("This person is my friend").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Thank you!")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-contacts")
    saved = ContactNomination.objects.get(
        window=objects.window, nominator=world.peer_student, nominee__first_name="Liam"
    )
    assert (saved.in_school, saved.out_of_school, saved.friend) == (False, True, True)


def test_the_coordinator_reads_the_friendship_map_on_a_phone(new_page, world):
    objects = east_friendships(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)

    page.goto("/evaluation/friendships/")
    page.get_by_role("link", name="Best Buddies Club").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Friendship map: Best Buddies Club")
    expect(page.get_by_role("img", name="Friendship map, Mid-term check-in")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-friendship-map")

    page.get_by_label("Survey window").select_option(value=str(objects.start.pk))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("img", name="Friendship map, Start of the year")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
