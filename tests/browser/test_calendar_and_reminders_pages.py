"""The school calendar and the reminder preference page in a real browser, on a desktop and a phone: headings in
order, axe-clean (with a day listed and with a form's errors shown); a break added and a preference chosen from the
keyboard (helper remind).

Screenshots land in test-artifacts/ (desktop-calendar-* and phone-calendar-*).
"""

import datetime

import pytest
from playwright.sync_api import expect

from activities.models import ReminderPreference
from schools.models import NonSchoolDay

from .conftest import PHONE
from .test_program_pages import check, sign_in

pytestmark = pytest.mark.browser


def a_monday(world) -> datetime.date:
    day = world.term.start_date + datetime.timedelta(weeks=2)
    return day - datetime.timedelta(days=day.weekday())


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_calendar_and_reminder_pages_are_accessible(new_page, world, device):
    NonSchoolDay.objects.create(school=world.school, term=world.term, date=a_monday(world), name="Teacher work day")
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    sign_in(page, world.user("coordinator").username)
    for name, url in [
        ("list", "/calendar/"),
        ("add", "/calendar/new/"),
        ("import", "/calendar/import/"),
        ("reminders", "/activities/reminders/"),
    ]:
        page.goto(url)
        check(page, f"{device}-calendar-{name}")
    # A form with its errors shown.
    page.goto("/calendar/new/")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check(page, f"{device}-calendar-add-errors")


def test_a_break_is_added_and_a_digest_chosen_from_the_keyboard(new_page, world):
    monday = a_monday(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    page.goto("/calendar/new/")
    page.get_by_label("Day (or first day)").fill(monday.isoformat())
    page.get_by_label("Last day").fill((monday + datetime.timedelta(days=6)).isoformat())
    page.get_by_label("What it is").fill("Winter break")
    page.get_by_label("What it is").press("Enter")
    expect(page.get_by_text("5 days added.")).to_be_visible()
    assert NonSchoolDay.objects.count() == 5

    page.goto("/activities/reminders/")
    page.get_by_label("One weekly digest, on Sunday afternoon").check()
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.get_by_text("Saved: One weekly digest, on Sunday afternoon.")).to_be_visible()
    assert ReminderPreference.objects.get(user=world.user("coordinator")).delivery == "weekly"
    check(page, "phone-calendar-reminders-saved")
