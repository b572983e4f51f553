"""Every program page in a real browser, on a desktop and a phone: styled, headings in order, axe-clean.

Screenshots land in test-artifacts/ (desktop-programs-* and phone-programs-*).
"""

import pytest
from playwright.sync_api import expect

from tests.programs.factories import east_program
from tests.schools.factories import PASSWORD, FocusStudentFactory, StudentFactory

from .conftest import PHONE, assert_no_axe_violations, pass_second_step, save_screenshot

pytestmark = pytest.mark.browser

HEADINGS_IN_ORDER = """() => {
    const levels = [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map(h => +h.tagName[1]);
    return levels.every((level, i) => i === 0 ? level === 1 : level <= levels[i - 1] + 1);
}"""


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    pass_second_step(page, username)
    page.wait_for_url("**/dashboard/")


def check(page, name):
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate(HEADINGS_IN_ORDER), f"headings skip a level on {page.url}"
    save_screenshot(page, name)
    assert_no_axe_violations(page)


def program_pages(objects):
    pk = objects.program.pk
    return [
        ("list", "/programs/"),
        ("create", "/programs/new/"),
        ("overview", f"/programs/{pk}/"),
        ("edit", f"/programs/{pk}/edit/"),
        ("team", f"/programs/{pk}/team/"),
        ("team-add", f"/programs/{pk}/team/add/"),
        ("meetings", f"/programs/{pk}/meetings/"),
        ("meeting", f"/programs/{pk}/meetings/{objects.meeting.pk}/"),
        ("meeting-edit", f"/programs/{pk}/meetings/{objects.meeting.pk}/edit/"),
        ("expansion", f"/programs/{pk}/expansion/"),
        ("stage-add", f"/programs/{pk}/expansion/add/"),
        ("budget", f"/programs/{pk}/budget/"),
        ("budget-add", f"/programs/{pk}/budget/add/"),
        ("approvals", f"/programs/{pk}/approvals/"),
        ("approval-add", f"/programs/{pk}/approvals/add/"),
        ("dashboard", "/dashboard/"),
    ]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_program_page_is_accessible(new_page, world, settings, tmp_path, device):
    settings.MEDIA_ROOT = tmp_path
    objects = east_program(world)
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    sign_in(page, world.user("coordinator").username)
    for name, url in program_pages(objects):
        page.goto(url)
        check(page, f"{device}-programs-{name}")


def test_a_form_with_errors_stays_accessible(page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects = east_program(world)
    sign_in(page, world.user("coordinator").username)
    page.goto(f"/programs/{objects.program.pk}/meetings/new/")
    page.get_by_label("What needs doing").first.fill("Draft the brochure")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("Give the date of the meeting.")).to_be_visible()
    expect(page.get_by_text("Choose who will do it.")).to_be_visible()
    check(page, "desktop-programs-meeting-errors")


def test_the_district_administrator_sees_programs_across_the_district(page, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    east_program(world)
    sign_in(page, world.user("district_admin").username)
    page.goto("/programs/")
    page.get_by_role("link", name="Programs across the district").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programs across the district")
    expect(page.get_by_role("table")).to_contain_text("Peer to Peer")
    check(page, "desktop-programs-district")


FITS_THE_VIEWPORT = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_participants_page_adds_searches_and_removes(new_page, world, settings, tmp_path, device):
    """A coordinator adds an imported focus student in a few clicks, finds a peer by name, then removes them: every
    step accessible, and at 390 px nothing wider than the screen (the tables scroll inside their own region)."""
    from programs.models import ProgramParticipant

    settings.MEDIA_ROOT = tmp_path
    objects = east_program(world)
    FocusStudentFactory(school=world.school, first_name="Maya", last_name="Okafor-Longname", grade=4,
                        homeroom="Room 12")
    StudentFactory(school=world.school, first_name="Eli", last_name="Park", grade=4, homeroom="Room 12")
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    sign_in(page, world.user("coordinator").username)

    page.goto(f"/programs/{objects.program.pk}/")
    page.get_by_role("link", name="Taking part").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Focus students and peers taking part")
    check(page, f"{device}-programs-participants-empty")

    page.get_by_role("link", name="Add focus students and peers").first.click()
    check(page, f"{device}-programs-participants-add")
    assert page.evaluate(FITS_THE_VIEWPORT), "the add page is wider than the screen"
    page.get_by_label("Maya Okafor-Longname").check()
    page.get_by_role("button", name="Add the ticked students").click()
    expect(page.get_by_text("1 student now takes part in Peer to Peer: Maya Okafor-Longname.")).to_be_visible()

    page.get_by_role("link", name="Add focus students and peers").first.click()
    page.get_by_label("Name contains").fill("park")
    page.get_by_label("Kind").select_option(label="Focus students and peers")
    page.get_by_role("button", name="Search").click()
    assert "park" not in page.url.lower(), "the name searched for must not be in the address"
    page.get_by_label("Eli Park").check()
    page.get_by_role("button", name="Add the ticked students").click()
    expect(page.get_by_role("table").first).to_contain_text("Eli Park")
    check(page, f"{device}-programs-participants")
    assert page.evaluate(FITS_THE_VIEWPORT), "the participants page is wider than the screen"

    remove = page.get_by_role("button", name="Remove Eli Park")
    remove.scroll_into_view_if_needed()
    remove.click()
    expect(page.get_by_text("Eli Park no longer takes part in Peer to Peer")).to_be_visible()
    expect(page.get_by_role("heading", name="Took part before")).to_be_visible()
    check(page, f"{device}-programs-participants-left")
    assert ProgramParticipant.objects.filter(student__first_name="Eli", status="left").exists()
