"""A coordinator imports a roster in a real browser: upload, preview, confirm; the progress bar follows a running
import through static/js/import-progress.js. Every page is axe-clean, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from schools.models import Student
from schools.rostering.models import RosterImport
from tests.schools.factories import RosterImportFactory

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_coordinator_journey import heading, sign_in

pytestmark = pytest.mark.browser

TEMPLATE = (
    "student id,first name,last name,grade,kind,guardian name,guardian email\n"
    "s1,Ana,Diaz,2,focus,Rosa Diaz,rosa@example.org\n"
    "s2,Ben,Ito,4,,,\n"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def signed_in(page, world):
    page.goto("/accounts/login/")
    sign_in(page, world.user("coordinator").username)
    page.wait_for_url("**/dashboard/")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_coordinator_imports_a_template_from_the_student_list(new_page, world, tmp_path, viewport):
    page = new_page(viewport=viewport) if viewport else new_page()
    device = "phone" if viewport else "desktop"
    signed_in(page, world)
    page.goto("/students/")
    page.get_by_role("group", name="Roster import and export").get_by_role("link", name="Import").click()
    expect(heading(page)).to_have_text("Roster import and export")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Import a roster").click()
    expect(heading(page)).to_have_text("Import a roster")
    assert_no_axe_violations(page)
    roster = tmp_path / "roster.csv"
    roster.write_text(TEMPLATE, encoding="utf-8")
    page.get_by_label("Our roster template, filled in").check()
    page.get_by_label("File or files").set_input_files(str(roster))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_text("This is a preview: nothing has changed yet.")).to_be_visible()
    save_screenshot(page, f"{device}-roster-import-preview")
    assert_no_axe_violations(page)
    assert not Student.objects.filter(source_id="s1").exists()

    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("The roster was imported.")).to_be_visible()
    save_screenshot(page, f"{device}-roster-import-done")
    assert_no_axe_violations(page)
    assert Student.objects.get(source_id="s1").kind == "focus"


def test_the_progress_bar_follows_a_running_import_and_shows_the_result(page, world):
    roster_import = RosterImportFactory(school=world.school, uploaded_by=world.user("coordinator"),
                                        status=RosterImport.Status.APPLYING, total_rows=40, processed_rows=10)
    signed_in(page, world)
    page.goto(f"/roster/import/{roster_import.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "10")
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    assert_no_axe_violations(page)

    RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.DONE, processed_rows=40)
    expect(page.get_by_text("The roster was imported.")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)
