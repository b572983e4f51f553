"""A coordinator keeps a focus student's and a peer's profile in a real browser; the principal reads the access log.

Every form page is axe-clean, at desktop and phone width.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_coordinator_edits_profiles_and_the_principal_sees_it_logged(new_page, live_server, world, device):
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("coordinator").username)

    page.goto(live_server.url + reverse("student_detail", kwargs={"pk": world.focus_student.pk}))
    expect(page.get_by_role("heading", name="Confidential: supports, goals and family")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Add an IEP goal").click()
    page.get_by_label("Domain").select_option("communication")
    page.get_by_label("Goal").fill("Will use AAC to greet two peers at lunch")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("IEP goal saved.")).to_be_visible()
    expect(page.get_by_text("Will use AAC to greet two peers at lunch")).to_be_visible()

    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("How to help me").fill("Show me the first step, then wait.")
    save_screenshot(page, f"{device}-profile-form")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()

    page.get_by_role("link", name="What peers see").click()
    expect(page.get_by_text("Show me the first step, then wait.")).to_be_visible()
    expect(page.get_by_text(world.iep_goal.goal)).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("student_availability", kwargs={"pk": world.peer_student.pk}))
    page.get_by_role("group", name="Monday").get_by_label("Lunch").check()
    save_screenshot(page, f"{device}-availability-form")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Availability saved.")).to_be_visible()

    page.goto(live_server.url + reverse("bell_schedules"))
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("school_admin").username)
    page.goto(live_server.url + reverse("access_log"))
    expect(page.get_by_role("cell", name="Viewed").first).to_be_visible()
    save_screenshot(page, f"{device}-access-log")
    assert_no_axe_violations(page)
