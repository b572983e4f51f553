"""The Content-Security-Policy holds in a real browser: the harness catches violations, and the admin works under it.

Every browser test fails on a violation (tests/browser/conftest.py); these tests prove that check can fail, and walk
the pages no other browser test opens: the Django admin, its widgets (autocomplete, filter_horizontal) included.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.recruitment.factories import east_campaign
from tests.schools.factories import PASSWORD, UserFactory, give_authenticator

from .conftest import CSP_VIOLATION_PREFIX, assert_no_axe_violations, pass_second_step

pytestmark = pytest.mark.browser


def test_a_blocked_inline_script_or_foreign_image_is_reported(new_page, live_server):
    page = new_page()
    page.goto(live_server.url + reverse("login"))
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
          document.body.insertAdjacentHTML("beforeend", '<img alt="" src="https://cdn.example.org/pixel.png">');
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">styled</p>');
        }"""
    )
    page.wait_for_function("() => document.readyState === 'complete'")
    page.wait_for_timeout(200)  # violation events are queued as tasks
    assert page.evaluate("() => window.inlineRan") is None
    caught = [problem for problem in new_page.problems if problem.startswith(CSP_VIOLATION_PREFIX)]
    assert any("script-src" in problem for problem in caught), caught
    assert any("img-src" in problem and "cdn.example.org" in problem for problem in caught), caught
    assert any("style-src" in problem for problem in caught), caught
    new_page.problems.clear()  # expected here; any other test fails on them


def test_the_admin_works_under_the_policy(new_page, live_server, world):
    support = UserFactory(username="support", is_staff=True, is_superuser=True)
    give_authenticator(support)
    page = new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill(support.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_step(page, support.username)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(live_server.url + reverse("admin:schools_student_changelist"))
    expect(page.get_by_role("link", name=world.focus_student.last_name, exact=True)).to_be_visible()
    page.goto(live_server.url + reverse("admin:schools_student_change", args=[world.focus_student.pk]))
    # The admin's scripts run: filter_horizontal builds its two-list chooser, autocomplete its select2 box.
    expect(page.locator("#id_support_team_from")).to_be_visible()
    expect(page.locator(".select2-container").first).to_be_visible()
    page.locator(".select2-container").first.click()
    expect(page.locator(".select2-search__field")).to_be_focused()
    page.keyboard.press("Escape")
    page.goto(live_server.url + reverse("admin:schools_membership_add"))
    expect(page.locator("#membership_form")).to_be_visible()
    # The admin is Django's, not ours to make axe-clean; it only must run without breaking the policy (teardown).


def test_axe_runs_under_the_policy(new_page, live_server):
    # axe-core is injected with page.evaluate, which the page's CSP does not govern; it must still find the page.
    page = new_page()
    page.goto(live_server.url + reverse("recruitment:join"))
    assert_no_axe_violations(page)


def test_name_search_and_campaign_progress_work_without_inline_code(new_page, live_server, world):
    from .test_coordinator_journey import sign_in

    campaign = east_campaign(world).campaign
    page = new_page()
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("coordinator").username)

    page.goto(live_server.url + reverse("student_list") + "?kind=peer")
    search = page.get_by_role("search", name="Find a student by name")
    search.get_by_label("Name").fill("Ramirez")
    search.get_by_role("button", name="Find").click()
    expect(page.get_by_role("link", name="Sofia Ramirez")).to_be_visible()
    expect(page.get_by_role("link", name="Noah Bennett")).to_have_count(0)
    assert "Ramirez" not in page.url and page.url.endswith("/students/?kind=peer")
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("recruitment:campaign_detail", kwargs={"pk": campaign.pk}))
    progress = page.get_by_role("progressbar", name="Accepted against the target")
    expect(progress).to_have_attribute("max", str(campaign.target_peers))
    assert_no_axe_violations(page)
