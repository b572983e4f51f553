"""Calendar links on a phone (390 px): a peer makes a link to their activities, copies it with the button, and the
address works; a coordinator makes a program's link and removes it. Axe-clean, within the width, no CSP report."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.models import CalendarFeed
from tests.activities.factories import east_activity

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_peer_makes_and_copies_a_calendar_link_on_a_phone(new_page, live_server, world, settings):
    settings.SITE_URL = live_server.url
    east_activity(world)
    page = new_page(viewport=PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("peer").username)
    page.goto(live_server.url + reverse("activities:feeds"))

    expect(page.get_by_role("heading", name="Activities in your calendar", level=1)).to_be_visible()
    expect(page.get_by_text("Google Calendar may take up to a day to show a change")).to_be_visible()
    assert_no_axe_violations(page)
    fits(page)

    page.get_by_role("button", name="Make a link").click()
    link = page.get_by_label("Calendar link: My activities")
    expect(link).to_have_value(re.compile(r"/activities/feeds/[A-Za-z0-9_-]{43}\.ics$"))
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status")).to_have_text("Copied. Now paste it into your calendar.")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    save_screenshot(page, "phone-calendar-link")
    assert_no_axe_violations(page)
    fits(page)

    # The address is a calendar, for anyone who has it.
    response = page.request.get(link.input_value())
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "Monday and Wednesday lunch bunch" in response.text()

    # Shown once: after a reload of the page only the link's row is listed.
    page.goto(live_server.url + reverse("activities:feeds"))
    expect(page.get_by_label("Calendar link: My activities")).to_have_count(0)
    expect(page.get_by_role("cell", name="My activities")).to_be_visible()
    assert_no_axe_violations(page)
    fits(page)


def test_a_coordinator_makes_a_program_link_and_removes_it_on_a_phone(new_page, live_server, world):
    objects = east_activity(world)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("coordinator").username)
    page.goto(live_server.url + reverse("activities:feeds"))

    page.get_by_label("A program's activities").check()
    page.get_by_label("Program", exact=True).select_option(label=objects.program.name)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_label("Calendar link: Peer to Peer")).to_be_visible()
    assert_no_axe_violations(page)
    fits(page)

    page.get_by_role("button", name=re.compile(r"^Remove")).click()
    expect(page.get_by_text("The calendar link is switched off.")).to_be_visible()
    expect(page.get_by_text("You have no calendar links yet.")).to_be_visible()
    save_screenshot(page, "phone-calendar-links-removed")
    assert_no_axe_violations(page)
    fits(page)
    assert CalendarFeed.objects.get().revoked_at is not None
