"""On a phone, a coordinator uploads an export cut short: the preview warns, names the students not in the file, and
imports only once the box naming the numbers is ticked. Every page is axe-clean."""

import pytest
from playwright.sync_api import expect

from schools.models import SchoolClass
from tests.schools.factories import StudentFactory
from tests.schools.rostering.testdata import ORGS, USERS_HEADER

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_roster_import_journey import signed_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_truncated_export_waits_for_the_numbers_to_be_confirmed(new_page, world, tmp_path):
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    art = SchoolClass.objects.create(school=world.school, source_id="c1", title="Art")
    art.students.set(
        [
            StudentFactory(school=world.school, source_id="s1", first_name="Ana", last_name="Diaz"),
            StudentFactory(school=world.school, source_id="s2", first_name="Ben", last_name="Ito"),
        ]
    )
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "orgs.csv").write_text(ORGS)
    (folder / "users.csv").write_text(USERS_HEADER + "\n")
    (folder / "classes.csv").write_text(
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
        "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\nc1,active,,Art,4,,ART,scheduled,,sch-1,,,,\n"
    )
    (folder / "enrollments.csv").write_text("sourcedId,status,classSourcedId,userSourcedId,role\n")

    page = new_page(viewport=PHONE)
    signed_in(page, world)
    page.goto("/roster/import/")
    page.get_by_label("File or files").set_input_files(sorted(str(path) for path in folder.iterdir()))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_text("This file would take 2 of the school's 2 class enrolments away.")).to_be_visible()
    expect(page.get_by_role("heading", name="Not in the file")).to_be_visible()
    expect(page.get_by_role("row", name="Ana Diaz")).to_contain_text("Stays on the roster; taken out of Art")
    save_screenshot(page, "phone-roster-import-removals")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("Tick the box that names the numbers")).to_be_visible()
    assert art.students.count() == 2

    page.get_by_label("Yes, take 2 class enrolments away.").check()
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("The roster was imported.")).to_be_visible()
    assert art.students.count() == 0
