"""Both real OneRoster sets import, as a zip and as separate files, and the report explains what was left out."""

import pytest

from schools.models import Guardian, School, SchoolClass, Student
from schools.rostering.models import RosterImport

from .testdata import CATALYST, CATALYST_ORG, EDFI, EDFI_SCHOOL_ORG, catalyst_zip, real_files, zipped

pytestmark = pytest.mark.usefixtures("all_grades")


def reasons(roster_import) -> dict[str, int]:
    return {item["reason"]: item["count"] for item in roster_import.report["skipped_summary"]}


def notes(roster_import) -> str:
    return " ".join(note["message"] for note in roster_import.report["notes"])


@pytest.mark.parametrize("files", [lambda: [catalyst_zip()], lambda: real_files(CATALYST)], ids=["zip", "files"])
def test_catalyst_set_imports_after_the_coordinator_picks_the_org(
    world, upload, latest_import, choose_org, confirm, files
):
    response = upload(files())
    roster_import = latest_import()
    assert response.status_code == 302
    assert response.url == f"/roster/import/{roster_import.pk}/"
    assert roster_import.status == RosterImport.Status.NEEDS_ORG
    assert [org["source_id"] for org in roster_import.report["org_choices"]] == [CATALYST_ORG]

    choose_org(roster_import, CATALYST_ORG)
    assert roster_import.status == RosterImport.Status.READY
    assert roster_import.report["format"] == "OneRoster 1.1"
    counts = roster_import.report["counts"]
    assert counts["students"] == {"create": 3, "update": 0, "deactivate": 0, "unchanged": 0}
    assert counts["guardians"]["create"] == 1
    assert counts["classes"]["create"] == 1
    # The preview changes nothing.
    assert not Student.objects.exclude(source_id="").exists()

    skipped = reasons(roster_import)
    assert skipped["Not a student: staff and other roles are not imported"] == 2
    assert skipped["Marked to be deleted (or inactive) in the student information system"] == 3  # class, 2 sessions
    assert skipped["Enrolled as a student, but users.csv does not list this person as a student"] == 1
    assert skipped["The class is not imported (see classes.csv above)"] == 3
    explained = notes(roster_import)
    assert "org-sch-222-3456" in explained  # dangling parent org
    assert "as-syr-222-2023" in explained  # dangling parent session
    assert "is not a parent or guardian" in explained  # students whose agents are teachers

    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.DONE
    imported = Student.objects.filter(school=world.school).exclude(source_id="")
    assert sorted(imported.values_list("source_id", "grade", "kind")) == [
        ("usr-222-1234561232", 12, "peer"),
        ("usr-222-567891", 11, "peer"),
        ("usr-222-66778899", 12, "peer"),
    ]
    guardian = Guardian.objects.get(student__source_id="usr-222-66778899")
    assert (guardian.name, guardian.email, guardian.relationship) == (
        "Thomas Jones", "thomas.jones@testemail.com", "Parent"
    )
    assert guardian.is_primary
    physics = SchoolClass.objects.get(school=world.school)
    assert (physics.title, physics.course_code, physics.location, physics.periods_text, physics.is_homeroom) == (
        "Introduction to Physics", "Phys 100 - 1", "Room 2-B", "1", False
    )
    assert physics.teacher_name == "John Doe"
    assert list(physics.students.values_list("source_id", flat=True)) == ["usr-222-1234561232"]
    assert School.objects.get(pk=world.school.pk).source_id == CATALYST_ORG


@pytest.mark.parametrize("files", [lambda: [zipped(EDFI)], lambda: real_files(EDFI)], ids=["zip", "files"])
def test_edfi_set_imports_students_birth_dates_and_classes(world, upload, latest_import, choose_org, confirm, files):
    upload(files())
    roster_import = latest_import()
    choices = {org["source_id"]: org["students"] for org in roster_import.report["org_choices"]}
    assert choices == {EDFI_SCHOOL_ORG: 8, "255901": 0}
    choose_org(roster_import, EDFI_SCHOOL_ORG)
    assert roster_import.report["counts"]["students"]["create"] == 8
    assert reasons(roster_import) == {"Not a student: staff and other roles are not imported": 2}
    confirm(roster_import)

    mary = Student.objects.get(school=world.school, source_id="604863")
    assert (mary.first_name, mary.last_name, mary.grade, str(mary.date_of_birth)) == ("Mary", "Archer", 9, "1997-05-30")
    english = SchoolClass.objects.get(source_id="25590100101Trad120ENG112011")
    assert (english.title, english.course_code, english.teacher_name) == ("ENG-1", "English I", "Sara Preston")
    # Enrollments repeat once per semester: each student is in the class once.
    assert english.students.count() == 5
    assert "No term of this school matches" in notes(roster_import)


def test_rows_of_other_orgs_are_skipped_and_explained(world, upload, latest_import, choose_org):
    upload(real_files(EDFI))
    roster_import = latest_import()
    choose_org(roster_import, "255901")  # the district, not the school
    assert roster_import.report["counts"]["students"]["create"] == 0
    skipped = reasons(roster_import)
    assert skipped["Belongs to another school or org"] == 10
    assert skipped["Class of another school or org"] == 2
    detail = next(item["detail"] for item in roster_import.report["skipped"] if item["record"] == "Mary Archer")
    assert "Grand Bend High School (255901001)" in detail


def test_the_org_is_remembered_for_the_next_import(world, upload, latest_import, choose_org, confirm):
    upload([catalyst_zip()])
    choose_org(latest_import(), CATALYST_ORG)
    confirm(latest_import())
    upload([catalyst_zip()])
    assert latest_import().status == RosterImport.Status.READY
    assert latest_import().report["org"]["source_id"] == CATALYST_ORG
