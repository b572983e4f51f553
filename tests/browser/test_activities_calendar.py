"""Shared activities on a phone (390 px): a peer's calendar (week, month degrading to a list, list) with a cancelled
day struck through and its reason, their own activities page with sign-up, and the coordinator's calendar and
activity page; every page axe-clean and no wider than the phone.

Screenshots land in test-artifacts/ (phone-activities-*)."""

import pytest
from playwright.sync_api import expect

from activities.scheduling import services
from tests.activities.factories import east_scheduling

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_the_calendar_and_own_page_on_a_phone(new_page, world):
    east = east_scheduling(world)
    services.occurrence_cancel(occurrence=east.upcoming, reason="Book fair in the cafeteria")
    day = east.upcoming.date.isoformat()
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)

    for view in ("week", "month", "list"):
        page.goto(f"/activities/calendar/?view={view}&date={day}")
        expect(page.get_by_role("heading", level=1)).to_have_text("My calendar")
        # The month's grid is for wider screens: on a phone the month is a list of its days.
        struck = page.locator("del:visible", has_text="Monday and Wednesday lunch bunch").first
        expect(struck).to_be_visible()
        expect(page.locator("span:visible", has_text="Book fair in the cafeteria").first).to_be_visible()
        assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
        assert_no_axe_violations(page)
        save_screenshot(page, f"phone-activities-calendar-{view}")

    page.get_by_role("link", name="Later").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto("/activities/mine/")
    expect(page.get_by_role("heading", name="Taking part")).to_be_visible()
    expect(page.get_by_role("heading", name="Inclusive Schools Week assembly")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-activities-mine")
    page.get_by_role("button", name="Withdraw Inclusive Schools Week assembly").click()
    expect(page.get_by_text("You have left Inclusive Schools Week assembly.")).to_be_visible()
    page.get_by_role("button", name="Sign up Inclusive Schools Week assembly").click()
    expect(page.get_by_text("You are signed up for Inclusive Schools Week assembly.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_coordinators_pages_on_a_phone(new_page, world):
    east = east_scheduling(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    for url in (
        "/activities/",
        f"/activities/calendar/?view=month&date={east.upcoming.date.isoformat()}",
        f"/activities/{east.activity.pk}/",
        f"/activities/{east.activity.pk}/participants/",
        f"/activities/{east.activity.pk}/edit/",
        f"/activities/occurrences/{east.upcoming.pk}/cancel/",
        f"/activities/add/?program={east.program.pk}",
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], url
        assert_no_axe_violations(page)
    save_screenshot(page, "phone-activities-add")
    # The form shows the fields of the kind chosen.
    season = page.locator("#div_id_season")
    expect(season).to_be_hidden()
    page.get_by_label("Kind").select_option("unified_sports")
    expect(season).to_be_visible()
