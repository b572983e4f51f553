"""Peer journals in the browser: a peer writes this week's journal on a phone (390 px) and asks for a check-in; the
coordinator's reading page and the entry page. Every page axe-clean, nothing wider than the phone.

Screenshots land in test-artifacts/ (phone-peer-journal-*, peer-journals-reading)."""

import pytest
from playwright.sync_api import expect

from activities.models import JournalEntry
from schools.models import OutboxItem
from tests.activities.journals.factories import OTHER_PEER_MARKER, east_journals

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def test_a_peer_writes_and_flags_a_worry_on_a_phone(new_page, world):
    journals = east_journals(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("peer").username)

    page.goto("/activities/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My journal")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    assert OTHER_PEER_MARKER not in page.content()

    page.get_by_label("What changes have you noticed in your partner?").check()
    page.get_by_label("Your journal").fill("Noah said my name today for the first time. He was sad at recess though.")
    page.get_by_label("I'm worried about something and would like a staff member to check in with me").check()
    page.get_by_role("button", name="Save my journal").click()
    expect(page.get_by_text("Your journal is saved.")).to_be_visible()
    expect(page.get_by_text("Someone will check in with you soon.")).to_be_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, "phone-peer-journal")

    entry = JournalEntry.objects.get(program=journals.program, peer=world.peer_student, week=journals.this_week)
    assert entry.worry_flagged and entry.prompt_text == "What changes have you noticed in your partner?"
    assert OutboxItem.objects.filter(kind="email").count() == 1

    # An empty save: the message, and the entry as it was.
    page.get_by_label("Your journal").fill("")
    page.get_by_role("button", name="Save my journal").click()
    expect(page.get_by_text("Write something first.")).to_be_visible()
    assert_no_axe_violations(page)
    entry.refresh_from_db()
    assert entry.text.startswith("Noah said my name")


def test_the_coordinators_reading_and_entry_pages(new_page, world):
    journals = east_journals(world)
    page = new_page()
    sign_in(page, world.user("coordinator").username)

    page.goto(f"/activities/programs/{journals.program.pk}/journals/")
    expect(page.get_by_text("Asked for a check-in").first).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "peer-journals-reading")

    page.get_by_role("link", name="Liam Osei").click()
    expect(page.get_by_role("heading", name="Record the check-in")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("What was done").fill("Talked with Liam and his partner's teacher.")
    page.get_by_role("button", name="Save what was done").click()
    expect(page.get_by_text("The check-in is recorded")).to_be_visible()

    page.goto(f"/activities/programs/{journals.program.pk}/journal-prompts/")
    assert_no_axe_violations(page)
    page.goto("/dashboard/")
    expect(page.get_by_text("No peer is waiting for a check-in.")).to_be_visible()
    assert_no_axe_violations(page)
