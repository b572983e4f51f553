"""A student on a phone goes from the home page to /join/, finds their school by name and district, and opens the
application form of a grades 6-8 program: the email field shows only for grade 8 and up. Every page fits 390 px and
is axe-clean."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, east_applying
from tests.schools.factories import DistrictFactory, SchoolFactory, TermFactory

from .conftest import PHONE, assert_no_axe_violations, save_screenshot

pytestmark = pytest.mark.browser


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_a_student_finds_their_school_and_sees_only_what_they_are_asked(new_page, live_server, world):
    east_applying(world)
    putnam = world.other_school
    middle = CampaignFactory(program=ProgramFactory(school=putnam, name="Putnam Peers"),
                             term=TermFactory(school=putnam))
    lakeside = DistrictFactory(name="Lakeside Unified", slug="lakeside")
    hillcrest = SchoolFactory(district=lakeside, name="Hillcrest Elementary", slug="hillcrest")
    CampaignFactory(program=ProgramFactory(school=hillcrest, name="Hillcrest Friends"),
                    term=TermFactory(school=hillcrest))
    page = new_page(viewport=PHONE)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join a program at your school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join a peer partner program")
    assert_no_axe_violations(page)
    fits_the_phone(page)

    page.get_by_label("Your school's name").fill("putnam")
    page.get_by_label("School district").select_option(label="Riverside Public Schools")
    page.get_by_role("button", name="Find my school").click()
    assert "school=putnam" in page.url
    expect(page.get_by_role("heading", level=2)).to_have_count(1)
    expect(page.get_by_role("link", name="Putnam Peers")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_phone(page)
    save_screenshot(page, "phone-join-search")

    page.goto(live_server.url + reverse("recruitment:apply", kwargs={"pk": middle.pk}))
    email = page.locator("#id_email")
    expect(email).to_be_hidden()
    page.locator("#id_grade").select_option(label="Grade 8")
    expect(email).to_be_visible()
    email.fill("zoe@student.example.org")
    assert_no_axe_violations(page)
    fits_the_phone(page)
    page.locator("#id_grade").select_option(label="Grade 6")
    expect(email).to_be_hidden()
    assert email.input_value() == ""
    save_screenshot(page, "phone-apply-middle-school")
