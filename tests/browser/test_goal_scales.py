"""Goal attainment scaling in the browser, on a phone (390 px): the coordinator reads a program's overview with its
T-scores, a student's scales, writes a scale (an empty one first: the messages), locks it late with a reason and
rates a scale. Every page axe-clean, nothing wider than the phone.

Screenshots land in test-artifacts/ (phone-goal-overview, phone-goal-rate)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluation.models import GoalRating, GoalScale
from tests.evaluation.goals.factories import east_goals

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def fits(page):
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)


def test_the_coordinator_writes_locks_and_rates_on_a_phone(new_page, world):
    goals = east_goals(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)

    page.goto(reverse("evaluation:goal_overview", kwargs={"pk": goals.program.pk}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Goal attainment scaling")
    expect(page.get_by_text("T = 60.00").first).to_be_visible()
    fits(page)
    save_screenshot(page, "phone-goal-overview")

    page.get_by_role("link", name="Noah Bennett").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noah Bennett's goal scales")
    fits(page)

    page.get_by_role("link", name="Write a scale").click()
    page.get_by_label("Term").select_option(label=goals.term.name)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Choose the IEP goal this scale measures.")).to_be_visible()
    expect(page.get_by_text("Describe what this level looks like.").first).to_be_visible()
    fits(page)
    page.get_by_label("IEP goal").select_option(str(goals.communication_goal.pk))
    for label, text in (
        ("-2: present level", "Waits without asking"),
        ("-1: less than expected", "Asks with a full prompt"),
        ("0: expected outcome", "Asks with the card twice a day"),
        ("+1: more than expected", "Four times a day"),
        ("+2: much more than expected", "Whenever needed"),
    ):
        page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Scale saved.")).to_be_visible()
    scale = GoalScale.objects.get(level_0="Asks with the card twice a day")

    # The term has started: the lock asks why.
    form = page.locator(f"form[action='{reverse('evaluation:goal_scale_lock', kwargs={'pk': scale.pk})}']")
    form.get_by_label("Why it is locked after the term started").fill("Noah joined in October")
    form.get_by_role("button", name="Lock the levels").click()
    expect(page.get_by_text("locked after the term started: Noah joined in October").first).to_be_visible()
    fits(page)

    page.goto(reverse("evaluation:goal_scale_rate", kwargs={"pk": scale.pk}))
    page.get_by_label("Mid-term").check()
    page.get_by_label("+1: Four times a day").check()
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_text("Rating saved.")).to_be_visible()
    fits(page)
    save_screenshot(page, "phone-goal-rate")
    assert GoalRating.objects.get(scale=scale, point="mid").level == 1
