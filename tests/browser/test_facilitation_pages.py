"""Facilitation on a phone (390 px): the supervising adult fills in and saves a log (the +/- buttons work, the
strategies are the guide's words); the student's timeline with its two charts. Every page axe-clean.

Screenshots land in test-artifacts/ (phone-facilitation-*)."""

import pytest
from playwright.sync_api import expect

from activities.models import FacilitationLog
from tests.activities.facilitation.factories import east_facilitation
from tests.activities.factories import east_activity

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_logging_facilitation_on_a_phone(new_page, world):
    past = east_activity(world).past
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)

    page.goto(f"/activities/occurrences/{past.pk}/facilitation/?student={world.focus_student.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Facilitation log")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    page.locator("label", has_text="Nearby (in the room").click()
    assert page.locator("label", has_text="Nearby (in the room").bounding_box()["height"] >= 44
    page.get_by_role("button", name="One more: Interactions started by the student").click()
    page.get_by_role("button", name="One more: Interactions started by the student").click()
    page.get_by_role("spinbutton", name="Interactions started by peers").fill("3")
    page.locator("label", has_text="3 — friendly").click()
    page.get_by_label("Highlight any similarities between students", exact=False).check()
    page.locator("#goals-practised").get_by_role("checkbox").first.check()
    page.get_by_label("Note").fill("They talked about dinosaurs.")
    save_screenshot(page, "phone-facilitation-log")
    page.get_by_role("button", name="Save log").click()
    expect(page.get_by_text("Log saved for Noah Bennett.")).to_be_visible()
    assert_no_axe_violations(page)
    log = FacilitationLog.objects.get()
    assert (log.adult_support, log.initiations_by_student, log.initiations_by_peers, log.interaction_quality) == (
        "nearby",
        2,
        3,
        3,
    )
    assert log.strategies == ["highlight-similarities"]
    assert list(log.goals_practised.all()) == [world.iep_goal]


def test_the_timeline_on_a_phone(new_page, world):
    east_facilitation(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    page.goto(f"/activities/students/{world.focus_student.pk}/timeline/")
    expect(page.get_by_role("img", name="Adult support, weekly average")).to_be_visible()
    expect(page.get_by_role("img", name="Interactions per week")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    page.get_by_text("The same data as a table").first.click()
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-facilitation-timeline")
