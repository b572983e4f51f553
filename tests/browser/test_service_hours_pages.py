"""Service-learning and service hours in a browser (activities.service): the student's hours page with its claim
form, the project's peer-safe page, the coordinator's review and project pages and the verifier's link fit a 390 px
phone with zero axe-core violations; a peer claims hours and the verifier confirms them by the link."""

import pytest
from django.urls import reverse

from activities.models import ServiceHours
from activities.service.tokens import verify_token
from tests.activities.factories import east_service

from .conftest import DESKTOP, PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def check(page, path, name):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(path)
        assert_no_axe_violations(page)
        if viewport == PHONE:
            assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], f"{path} is wider than a phone"
        save_screenshot(page, f"service-{name}-{'phone' if viewport == PHONE else 'desktop'}")


def test_the_students_pages_and_a_claim(new_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    east = east_service(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)
    check(page, reverse("activities:my_hours"), "my-hours")
    check(page, reverse("activities:project_shared", kwargs={"pk": east.activity.pk}), "project-shared")
    page.set_viewport_size(PHONE)
    page.goto(reverse("activities:my_hours"))
    claim = page.get_by_role("region", name="Claim hours for work outside school")
    claim.get_by_role("spinbutton", name="Hours").fill("1.5")
    claim.get_by_label("What you did").fill("Raked leaves at the senior centre")
    claim.get_by_label("Verifier's name").fill("Pat Quinn")
    claim.get_by_label("Verifier's email").fill("pat@senior.example.org")
    claim.get_by_label("Date").fill(world.term.start_date.isoformat())
    page.get_by_label("I confirm that what I wrote is true and that I did this work.").check()
    page.get_by_role("button", name="Send my hours").click()
    page.get_by_text("gets an email to confirm them").wait_for()
    entry = ServiceHours.objects.get(description="Raked leaves at the senior centre")
    assert entry.verification == "pending"


def test_the_coordinators_pages_and_the_verifiers_link(new_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    east = east_service(world)
    verifier = new_page(viewport=PHONE)
    check(verifier, reverse("activities:verify", kwargs={"token": verify_token(east.claim)}), "verify")
    verifier.set_viewport_size(PHONE)
    verifier.get_by_label("Yes, these hours are right").check()
    verifier.get_by_role("button", name="Send my answer").click()
    verifier.get_by_text("Thank you, your answer is saved.").wait_for()
    east.claim.refresh_from_db()
    assert east.claim.verification == "confirmed"

    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    check(page, reverse("activities:hours_review"), "review")
    check(page, reverse("activities:project", kwargs={"pk": east.activity.pk}), "project")
    check(page, reverse("activities:hours_decline", kwargs={"pk": east.claim.pk}), "decline")
    page.set_viewport_size(PHONE)
    page.goto(reverse("activities:hours_review"))
    # "Tick every entry waiting on this page" ticks them all at once (and unticks them).
    boxes = page.locator('input[name="entries"]')
    assert boxes.count() >= 1
    page.get_by_label("Tick every entry waiting on this page").check()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_label("Tick every entry waiting on this page").uncheck()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_role("checkbox", name=world.peer_student.full_name).first.check()
    page.get_by_role("button", name="Approve the ticked hours").first.click()
    page.get_by_text("1 entry is approved.").wait_for()
    east.claim.refresh_from_db()
    assert east.claim.approval == "approved"
