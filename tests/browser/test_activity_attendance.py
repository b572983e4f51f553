"""Shared activities on a phone (390 px): the supervisor taps the exceptions and each tap is saved at once (the list
left half-way is kept); a peer scans the occurrence's QR code and confirms their check-in. Every page axe-clean.

Screenshots land in test-artifacts/ (phone-activity-attendance-*)."""

import pytest
from playwright.sync_api import expect

from activities.models import Attendance
from tests.activities.factories import east_attendance

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def _statuses(occurrence):
    return {
        row.student.first_name: (row.status, row.minutes)
        for row in Attendance.objects.filter(occurrence=occurrence).select_related("student")
    }


def test_taking_activity_attendance_on_a_phone_one_tap_at_a_time(new_page, world):
    lunch = east_attendance(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("staff").username)

    page.goto(f"/activities/occurrences/{lunch.today.pk}/attendance/")
    noah = page.get_by_role("group", name="Noah Bennett")
    sofia = page.get_by_role("group", name="Sofia Ramirez")
    expect(noah.get_by_role("radio", name="Present")).to_be_checked()  # present by default
    expect(sofia.get_by_role("radio", name="Present")).to_be_checked()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert noah.locator("label.attendance-choice").first.bounding_box()["height"] >= 36
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-activity-attendance-before")

    # One tap: saved at once, without the save button; the others count as present.
    noah.locator("label", has_text="Absent").click()
    expect(noah.get_by_text("Saved.")).to_be_visible()
    assert _statuses(lunch.today) == {"Noah": ("absent", 0), "Sofia": ("present", 45)}

    # Late asks for the minutes missed, then saves.
    sofia.locator("label", has_text="Late").click()
    expect(sofia.get_by_text("How many minutes did they miss?")).to_be_visible()
    sofia.get_by_label("Minutes missed").fill("10")
    sofia.get_by_label("Note").click()
    expect(sofia.get_by_text("Saved. 35 min")).to_be_visible()
    assert _statuses(lunch.today)["Sofia"] == ("late", 35)
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-activity-attendance-tapped")

    # Leaving and coming back: what was tapped is there.
    page.reload()
    expect(page.get_by_role("group", name="Noah Bennett").get_by_role("radio", name="Absent")).to_be_checked()

    page.goto(f"/activities/occurrences/{lunch.today.pk}/qr/")
    expect(page.get_by_role("img", name="QR code linking to the check-in page")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_peer_checks_in_with_the_qr_code(new_page, world):
    lunch = east_attendance(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)

    page.goto(f"/activities/occurrences/{lunch.today.pk}/check-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today's lunch bunch")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Yes, I am here").click()
    expect(page.get_by_text("You are checked in.")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-activity-check-in")
    row = Attendance.objects.get(occurrence=lunch.today, student=world.peer_student)
    assert (row.status, row.source) == ("present", "check_in")

    page.get_by_role("button", name="Check out").click()
    expect(page.get_by_text("You are checked out.")).to_be_visible()
    row.refresh_from_db()
    assert row.checked_out_at is not None

    page.goto("/activities/check-in-code/")
    page.get_by_role("button", name="Make my code").click()
    expect(page.get_by_text("shown only now")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_kiosk_on_a_classroom_screen(new_page, world):
    lunch = east_attendance(world)
    from activities.attendance import services

    code = services.check_in_code_reset(student=world.peer_student)
    page = new_page(viewport=PHONE)
    page.goto(f"/activities/kiosk/{lunch.kiosk_token}/")
    assert_no_axe_violations(page)
    page.get_by_label("Your first name").select_option(label="Sofia")
    page.get_by_label("Your check-in code").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Sofia is checked in.")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
