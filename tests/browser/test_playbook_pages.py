"""The year playbook, the agenda builders and the follow-up meeting's pages in a real browser, on a desktop and a
phone: headings in order, axe-clean; and a step marked done from the keyboard.

Screenshots land in test-artifacts/ (desktop-playbook-* and phone-playbook-*).
"""

import re

import pytest
from playwright.sync_api import expect

from programs.models import PlaybookStep
from tests.orientation.factories import east_followup
from tests.programs.factories import east_playbook, east_program

from .conftest import PHONE, assert_no_axe_violations
from .test_program_pages import check, sign_in

pytestmark = pytest.mark.browser


def pages(world):
    program = east_program(world)
    objects = east_playbook(world)
    followup = east_followup(world)
    pk = program.program.pk
    meeting = program.meeting.pk
    return [
        ("playbook", f"/programs/{pk}/playbook/"),
        ("step-edit", f"/programs/{pk}/playbook/steps/{objects.step.pk}/edit/"),
        ("step-add", f"/programs/{pk}/playbook/{objects.playbook.pk}/add/"),
        ("meeting-agenda", f"/programs/{pk}/meetings/{meeting}/agenda/"),
        ("meeting-agenda-print", f"/programs/{pk}/meetings/{meeting}/agenda/print/"),
        ("followup", f"/orientation/followups/{followup.pk}/"),
        ("followup-notes", f"/orientation/followups/{followup.pk}/notes/"),
        ("followup-action-item", f"/orientation/followups/{followup.pk}/action-items/add/"),
        ("followup-agenda", f"/orientation/followups/{followup.pk}/agenda/"),
        ("dashboard", "/dashboard/"),
    ]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_playbook_page_is_accessible(new_page, world, settings, tmp_path, device):
    settings.MEDIA_ROOT = tmp_path
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    sign_in(page, world.user("coordinator").username)
    for name, url in pages(world):
        page.goto(url)
        check(page, f"{device}-playbook-{name}")


def test_a_step_is_marked_done_from_the_keyboard(new_page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects = east_playbook(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    page.goto(f"/programs/{objects.playbook.program_id}/playbook/")
    expect(page.get_by_text("6 steps are late.")).to_be_visible()
    button = page.get_by_role("button", name=re.compile(r"^Mark done\s*: The core planning team meets$"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Done: “The core planning team meets”.")).to_be_visible()
    expect(page.get_by_text("5 steps are late.")).to_be_visible()
    assert PlaybookStep.objects.get(pk=objects.step.pk).done_on is not None
    assert_no_axe_violations(page)
