"""A coordinator's and a district administrator's day in a real browser: every page styled and axe-clean.

Each page visited is saved as a screenshot under test-artifacts/ (desktop-* and phone-*).
"""

import re

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from tests.schools.factories import PASSWORD

from .conftest import PHONE, assert_no_axe_violations, pass_second_step, save_screenshot

pytestmark = pytest.mark.browser

SIGN_IN_HEADING = "Sign in to Peer Partners"
WRONG_PASSWORD_MESSAGE = (
    "That username and password do not match. Check them and try again; usernames and passwords are case-sensitive."
)
MENU_BUTTON = "Show or hide the menu"
# Every stylesheet the page links to arrived and parsed (an unstyled page still passes most of axe).
UNLOADED_STYLESHEETS = """() => [...document.querySelectorAll('link[rel="stylesheet"]')]
    .filter(link => !link.sheet || link.sheet.cssRules.length === 0).map(link => link.href)"""


def sign_in(page, username, password=PASSWORD, check=None):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    if password == PASSWORD:
        pass_second_step(page, username, check=check)


def check_page(page, screenshot_name):
    """The page is styled, kept as a screenshot, and has no axe violations."""
    assert page.evaluate(UNLOADED_STYLESHEETS) == []
    save_screenshot(page, screenshot_name)
    assert_no_axe_violations(page)


def heading(page):
    return page.get_by_role("heading", level=1)


def main_menu(page):
    return page.locator("#main-nav")


def open_menu(page):
    """At phone width the main navigation sits behind the toggler until someone opens it."""
    toggler = page.get_by_role("button", name=MENU_BUTTON)
    expect(main_menu(page)).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    # Bootstrap adds "show" once the opening animation is over; checks and screenshots wait for it.
    expect(main_menu(page)).to_have_class(re.compile(r"\bshow\b"))


def walk_coordinator_journey(page, coordinator, *, device, use_menu):
    """Sign in, then visit every page of the main navigation and one student's page, checking each."""
    page.goto("/accounts/login/")
    expect(heading(page)).to_have_text(SIGN_IN_HEADING)
    check_page(page, f"{device}-1-login")

    # A coordinator's first sign-in makes them set up the second step; those pages are checked too.
    sign_in(page, coordinator.username, check=lambda page, name: check_page(page, f"{device}-{name}"))
    page.wait_for_url("**/dashboard/")
    welcome = f"Welcome, {coordinator.first_name}"
    expect(heading(page)).to_have_text(welcome)
    if use_menu:
        open_menu(page)
        check_page(page, f"{device}-2-dashboard-menu-open")
    else:
        expect(page.get_by_role("button", name=MENU_BUTTON)).to_be_hidden()

    labels = [label.strip() for label in main_menu(page).locator(".nav-link").all_text_contents()]
    expected_headings = {"Dashboard": welcome, "Students": "Students", "Staff": "Staff"}
    assert set(expected_headings) <= set(labels), labels
    for number, label in enumerate(labels, start=2):
        if use_menu and not main_menu(page).is_visible():
            open_menu(page)
        main_menu(page).get_by_role("link", name=label, exact=True).click()
        expect(main_menu(page).locator('a[aria-current="page"]')).to_have_text(label)
        if label in expected_headings:
            expect(heading(page)).to_have_text(expected_headings[label])
        else:  # a page a later issue added to the navigation: still checked
            expect(heading(page)).to_be_visible()
        check_page(page, f"{device}-{number}-{slugify(label)}")

        if label == "Students":
            first_student = page.get_by_role("table").get_by_role("link").first
            name = first_student.inner_text()
            first_student.click()
            expect(heading(page)).to_have_text(name)
            expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Students")
            check_page(page, f"{device}-{number}-student-detail")
            page.go_back()


def test_coordinator_signs_in_and_visits_every_page_on_desktop(page, world):
    walk_coordinator_journey(page, world.user("coordinator"), device="desktop", use_menu=False)


def test_coordinator_uses_the_menu_button_on_a_phone(new_page, world):
    page = new_page(viewport=PHONE)
    walk_coordinator_journey(page, world.user("coordinator"), device="phone", use_menu=True)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, world):
    page.goto("/accounts/login/")
    sign_in(page, world.user("coordinator").username)
    page.wait_for_url("**/dashboard/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["width"] > 1 and box["height"] > 1, "the skip link stays visually hidden when focused"
    save_screenshot(page, "desktop-skip-link-focused")

    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("not the password", [WRONG_PASSWORD_MESSAGE]),
        ("", ["This field is required."]),
    ],
    ids=["wrong-password", "no-password"],
)
def test_bad_sign_in_shows_a_message_on_the_form(page, world, password, messages):
    username = world.user("coordinator").username
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Sign in", exact=True).click()

    assert posted.value.status == 200
    for message in messages:
        expect(page.get_by_text(message, exact=True)).to_be_visible()
    expect(heading(page)).to_have_text(SIGN_IN_HEADING)
    expect(page.get_by_label("Username")).to_have_value(username)
    assert page.url.endswith("/accounts/login/")
    check_page(page, f"desktop-login-{'wrong' if password else 'no'}-password")


def test_district_administrator_switches_to_another_school(page, world):
    page.goto("/accounts/login/")
    sign_in(page, world.user("district_admin").username)
    page.wait_for_url("**/dashboard/")
    expect(heading(page)).to_have_text("District dashboard")
    switcher = page.get_by_role("combobox", name="School", exact=True)
    expect(switcher).to_have_value(str(world.school.pk))
    check_page(page, "desktop-district-dashboard")

    switcher.select_option(label="Putnam Middle School")
    page.get_by_role("button", name="Switch", exact=True).click()

    expect(page.get_by_role("status")).to_have_text("You are now working in Putnam Middle School.")
    expect(switcher).to_have_value(str(world.other_school.pk))
    expect(page.get_by_role("heading", name="Selected school: Putnam Middle School")).to_be_visible()
    check_page(page, "desktop-district-switched")
