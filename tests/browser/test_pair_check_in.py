"""Pair health in the browser: a peer checks in about their partner on a phone (390 px), the big faces with words,
and asks for help; the coordinator's pair health page. Every page axe-clean, nothing wider than the phone.

Screenshots land in test-artifacts/ (phone-pair-check-in, pair-health)."""

import pytest
from playwright.sync_api import expect

from evaluation.models import PairCheckIn
from schools.models import OutboxItem
from tests.evaluation.pairs.factories import OTHER_PEER_MARKER, east_pairs

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_a_peer_checks_in_on_a_phone(new_page, world):
    pairs = east_pairs(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)

    page.goto("/evaluation/pairs/check-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in about my partner")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    assert OTHER_PEER_MARKER not in page.content()

    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Choose how often you met.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("About every week").check()
    page.get_by_text("Sometimes", exact=True).click()  # the big button: the face and its word
    page.get_by_label("Anything to tell staff? (you can skip this)").fill("Noah was quiet this week.")
    page.get_by_label("I'd like help with this partnership").check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Your check-in about Noah is saved.")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-pair-check-in")

    check_in = PairCheckIn.objects.get(program=pairs.program, peer=world.peer_student, side="peer")
    assert (check_in.meetings, check_in.going, check_in.match_problem) == ("weekly", "sometimes", True)
    assert OutboxItem.objects.filter(kind="email").count() == 1


def test_the_coordinators_pair_health_page(new_page, world):
    pairs = east_pairs(world)
    page = new_page()
    sign_in(page, world.user("coordinator").username)
    page.goto(f"/evaluation/programs/{pairs.program.pk}/pair-health/")
    expect(page.get_by_text("Match problem: follow up")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "pair-health")
