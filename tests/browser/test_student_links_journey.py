"""A teacher on a student's support team starts from "My students", opens the student's page and follows it on to
the student's program and peers; the roster's filters read well. Axe-clean and within the width, desktop and phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from recruitment.models import Match
from tests.recruitment.factories import east_matching

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_teacher_goes_from_my_students_to_the_students_program_and_peers(new_page, live_server, world, device):
    viewport = PHONE if device == "phone" else {"width": 1280, "height": 900}
    objects = east_matching(world)
    Match.objects.filter(pk=objects.match.pk).update(status=Match.Status.CONFIRMED)
    world.focus_student.support_team.add(world.user("staff"))
    page = new_page(viewport=viewport)
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("staff").username)

    expect(page.get_by_role("heading", name="My students")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("my_students"))
    save_screenshot(page, f"{device}-my-students")
    assert_no_axe_violations(page)
    fits(page, viewport)

    page.get_by_role("link", name=world.focus_student.full_name, exact=True).click()
    expect(page.get_by_role("heading", name="Programs")).to_be_visible()
    expect(page.get_by_role("link", name=objects.program.name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=world.peer_student.full_name, exact=True)).to_be_visible()
    save_screenshot(page, f"{device}-student-page-sections")
    assert_no_axe_violations(page)
    fits(page, viewport)

    page.get_by_role("link", name=world.peer_student.full_name, exact=True).click()
    expect(page.get_by_role("heading", name="Applications")).to_be_visible()
    expect(page.get_by_role("link", name=world.focus_student.full_name, exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    fits(page, viewport)

    page.goto(live_server.url + reverse("student_list"))
    expect(page.get_by_label("Student's name")).to_be_visible()
    expect(page.get_by_label("Grade").locator("option")).to_have_count(7)  # "Any grade", K-5
    assert_no_axe_violations(page)
