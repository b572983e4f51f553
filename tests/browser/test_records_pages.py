"""The records pages in a real browser, on a desktop and a phone: headings in order, axe-clean; and the parent's page
behind the emailed link. Screenshots land in test-artifacts/ (desktop-records-* and phone-records-*)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.schools.factories import east_records

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_program_pages import HEADINGS_IN_ORDER, sign_in

pytestmark = pytest.mark.browser


def check(page, name):
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate(HEADINGS_IN_ORDER), f"headings skip a level on {page.url}"
    save_screenshot(page, name)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_records_page_is_accessible(new_page, world, device):
    records = east_records(world)
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    sign_in(page, "east.coordinator")
    student = records.guardian.student_id
    pages = [
        ("requests", reverse("privacy:requests")),
        ("request-add", reverse("privacy:request_add")),
        ("request", reverse("privacy:request_detail", kwargs={"pk": records.inspection_request.pk})),
        ("disclosures", reverse("privacy:disclosures")),
        ("disclosure-add", reverse("privacy:disclosure_add")),
        ("export", reverse("privacy:student_export", kwargs={"pk": student})),
        ("parent-link", reverse("privacy:guardian_link", kwargs={"pk": student})),
        ("dashboard", reverse("dashboard")),
    ]
    for name, url in pages:
        page.goto(url)
        check(page, f"{device}-records-{name}")
    # The parent's page, signed out.
    page.context.clear_cookies()
    page.goto(reverse("privacy:guardian_disclosures", kwargs={"signed": records.guardian_link}))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noah")
    check(page, f"{device}-records-parent")


def test_filing_a_request_in_the_browser(page, world):
    sign_in(page, "east.coordinator")
    page.goto(reverse("privacy:request_add"))
    page.get_by_role("combobox", name="Student").select_option(label="Bennett, Noah (Grade 3)")
    page.get_by_label("Requested by").fill("Erin Bennett")
    page.get_by_label("Date received").fill("2026-01-01")
    expect(page.locator("[data-due-date]")).to_have_text("Feb 15, 2026")
    page.get_by_role("button", name="File the request").click()
    expect(page.get_by_text("Records request filed. The records are due by")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Records request about Noah Bennett")
