"""The account, second-step, student sign-in and consent pages in a real browser: styled, axe-clean, phone width."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.schools.factories import StudentFactory

from .conftest import PHONE
from .test_coordinator_journey import check_page, sign_in

pytestmark = pytest.mark.browser


def test_coordinator_records_consent_and_prints_a_sign_in_card(new_page, world):
    student = StudentFactory(school=world.school, first_name="Mia", last_name="Lopez", grade=4, user=None)
    page = new_page(viewport=PHONE)
    page.goto("/accounts/login/")
    sign_in(page, world.user("coordinator").username)
    page.wait_for_url("**/dashboard/")

    page.goto(f"/students/{student.pk}/sign-in/")
    page.get_by_label("Username").fill("mia.l")
    page.get_by_role("button", name="Give a sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("Mia is under 13")
    check_page(page, "phone-student-sign-in-refused")

    page.get_by_role("link", name="Consent records").first.click()
    page.get_by_label("Consent to").select_option("account")
    page.get_by_label("Given by").fill("Ana Lopez")
    page.get_by_label("Relationship to the student").fill("Mother")
    page.get_by_label("Date given").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Save the consent").click()
    expect(page.get_by_role("status")).to_have_text("Consent recorded.")
    check_page(page, "phone-consent-records")

    page.goto(f"/students/{student.pk}/sign-in/")
    page.get_by_label("Username").fill("mia.l")
    page.get_by_role("button", name="Give a sign-in").click()
    page.wait_for_url("**/sign-in/card/")
    expect(page.locator("#sign-in-code")).to_have_text(re.compile(r"^[a-z]+-[a-z]+-[a-z]+-\d\d$"))
    check_page(page, "phone-sign-in-card")


def test_account_and_second_step_settings_pages(page, world):
    page.goto("/accounts/login/")
    sign_in(page, world.user("school_admin").username)
    page.wait_for_url("**/dashboard/")
    page.goto("/accounts/you/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    check_page(page, "desktop-account")
    page.get_by_role("link", name="Second step: on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second step at sign-in")
    check_page(page, "desktop-two-factor-manage")
