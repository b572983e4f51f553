"""A facilitator takes attendance on a phone (390 px): everyone is present by default, one tap marks the exception,
the whole list is saved; the page, the readiness grid it feeds and a peer handout are axe-clean.

Screenshots land in test-artifacts/ (phone-orientation-attendance-*)."""

import pytest
from playwright.sync_api import expect

from orientation.models import MeetingAttendance, TopicCoverage
from tests.orientation.factories import InvitationFactory, east_readiness
from tests.schools.factories import StudentFactory

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_taking_attendance_on_a_phone(new_page, world):
    east = east_readiness(world)
    ben = StudentFactory(school=world.school, first_name="Ben", last_name="Ortiz")
    InvitationFactory(orientation=east.orientation, student=ben)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("staff").username)

    page.goto(f"/orientation/meetings/{east.meeting.pk}/attendance/")
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(2)
    for index in range(2):
        expect(boxes.nth(index)).not_to_be_checked()  # present by default
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    # A whole row is the tap target: big enough for a thumb.
    row = page.locator("label.attendance-row").first
    assert row.bounding_box()["height"] >= 44
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-orientation-attendance-before")

    page.get_by_text("Ben Ortiz").click()
    expect(page.get_by_role("checkbox", name="Ben Ortiz")).to_be_checked()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved: 1 present, 1 absent.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Ben Ortiz")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Sofia Ramirez")).not_to_be_checked()
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-orientation-attendance-saved")

    statuses = dict(MeetingAttendance.objects.values_list("student__first_name", "status"))
    assert statuses == {"Ben": "absent", "Sofia": "present"}
    assert set(TopicCoverage.objects.values_list("student__first_name", flat=True)) == {"Sofia"}

    # The readiness grid it feeds, and a handout, on the same phone.
    page.goto(f"/orientation/programs/{east.program.pk}/readiness/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"/orientation/handouts/{world.focus_student.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("About Noah")
    assert_no_axe_violations(page)
