"""A coordinator builds a tailored orientation agenda on a 390 px phone: the proposals say why in words, accepting
one and then the rest, ordering, notes for the facilitator; every page axe-clean and fitting the phone.

Screenshots land in test-artifacts/ (phone-orientation-*).
"""

import pytest
from playwright.sync_api import expect

from orientation.models import AgendaItem
from recruitment.models import Match
from tests.orientation.factories import east_orientation
from tests.schools.factories import PASSWORD, BehaviorNoteFactory, FocusStudentFactory, StudentFactory

from .conftest import PHONE, assert_no_axe_violations, pass_second_step, save_screenshot

pytestmark = pytest.mark.browser

PAGE_WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    pass_second_step(page, username)
    page.wait_for_url("**/dashboard/")


def check(page, name):
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], f"{page.url} is wider than the phone"
    save_screenshot(page, f"phone-orientation-{name}")
    assert_no_axe_violations(page)


def test_a_coordinator_builds_a_tailored_agenda_on_a_phone(new_page, world):
    session = east_orientation(world)
    for grade, partner_fields in ((3, {"aac_device": "Tablet with TouchChat"}), (5, {}), (4, {})):
        peer = StudentFactory(school=world.school, grade=grade)
        partner = FocusStudentFactory(school=world.school, grade=4, first_name="Ellie", **partner_fields)
        Match.objects.create(program=session.program, term=world.term, peer=peer, focus_student=partner,
                             status=Match.Status.CONFIRMED)
    BehaviorNoteFactory(student=partner)

    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    page.get_by_role("button", name="Show or hide the menu").click()
    page.locator("#main-nav").get_by_role("link", name="Orientation", exact=True).click()
    check(page, "index")
    page.get_by_role("link", name="Fall orientation").click()
    check(page, "detail")
    page.get_by_role("link", name="Build the agenda").click()
    check(page, "agenda-proposed")

    proposals = page.locator("#proposals-heading")
    expect(proposals).to_be_visible()
    body = page.locator("main").inner_text()
    assert "1 of your peers partners with students who use AAC or have complex communication needs." in body
    assert "1 of your peers partners with students who have behaviour support notes." in body
    assert "3 of your peers are in Grade 5 or below: use the plainer wording." in body
    assert "Ellie" not in body

    page.locator("li", has_text="use AAC").get_by_role("button", name="Accept").click()
    expect(page.locator("main")).to_contain_text("Added to the agenda")
    page.get_by_role("button", name="Accept all").click()
    expect(page.locator("main")).to_contain_text("Nothing more to propose")
    check(page, "agenda-built")

    items = list(AgendaItem.objects.filter(orientation=session.orientation).order_by("order", "pk"))
    first, second = items[0], items[1]
    page.get_by_role("button", name=f"Move “{first.topic.title}” down").click()
    expect(page.locator("tbody tr").first).to_contain_text(second.topic.plain_title or second.topic.title)

    page.get_by_role("link", name=f"Edit {second.topic.title}").click()
    check(page, "agenda-item")
    page.get_by_label("Notes for the facilitator").fill("Show the short video first.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("For the facilitator: Show the short video first.")
    check(page, "agenda-final")

    page.goto("/orientation/topics/")
    check(page, "topics")
    page.goto(f"/orientation/programs/{session.program.pk}/new/")
    check(page, "create")
