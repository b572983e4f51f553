"""The plain template, as CSV and as Excel: documented columns, guardians, blank cells that erase nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from schools.models import Guardian, Student
from schools.rostering.models import RosterImport
from schools.rostering.template import HEADERS

from .testdata import csv_file, template_csv

ROWS = (
    "s1,Ana,Diaz,Annie,K,focus,Room 3,2019-03-02,Art and music,Rosa Diaz,rosa@example.org,555-0100,Spanish",
    "s2,Ben,Ito,,5,,,,,,,,",
)


def apply(upload, latest_import, confirm, files, **kwargs):
    upload(files, **kwargs)
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY, roster_import.report["errors"]
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.DONE
    return roster_import


def test_csv_template_creates_students_and_guardians(world, upload, latest_import, confirm):
    roster_import = apply(upload, latest_import, confirm, [template_csv(*ROWS)], source="template", kind="peer")
    assert roster_import.report["counts"]["students"]["create"] == 2
    ana = Student.objects.get(source_id="s1")
    assert (ana.preferred_name, ana.grade, ana.kind, ana.homeroom, str(ana.date_of_birth), ana.interests) == (
        "Annie", 0, "focus", "Room 3", "2019-03-02", "Art and music"
    )
    assert Student.objects.get(source_id="s2").kind == "peer"  # blank kind: the form's choice
    guardian = Guardian.objects.get(student=ana)
    assert (guardian.name, guardian.email, guardian.phone, guardian.language, guardian.is_primary) == (
        "Rosa Diaz", "rosa@example.org", "555-0100", "Spanish", True
    )


def test_headers_match_without_regard_to_case_and_underscores(world, upload, latest_import, confirm):
    header = "Student_ID,First Name,LAST-NAME,grade"
    apply(upload, latest_import, confirm, [template_csv("s9,Eva,Lund,3", header=header)], source="template")
    assert Student.objects.get(source_id="s9").last_name == "Lund"


def test_blank_cells_erase_nothing_and_changes_are_previewed(world, upload, latest_import, confirm):
    apply(upload, latest_import, confirm, [template_csv(*ROWS)], source="template")
    upload([template_csv("s1,Ana,Diaz,,1,,,,,,,,")], source="template")
    preview = latest_import()
    assert preview.report["counts"]["students"] == {"create": 0, "update": 1, "deactivate": 0, "unchanged": 0}
    assert preview.report["changes"][0]["details"] == "grade: Kindergarten → Grade 1"
    confirm(preview)
    ana = Student.objects.get(source_id="s1")
    assert (ana.grade, ana.preferred_name, ana.interests) == (1, "Annie", "Art and music")
    assert Guardian.objects.filter(student=ana).count() == 1


def test_rows_without_a_student_id_are_skipped_with_a_reason(world, upload, latest_import):
    upload([template_csv(",Ana,Diaz,,2,,,,,,,,")], source="template")
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY
    assert roster_import.report["skipped"][0]["reason"] == "No student id: rows without an id are not imported"


def test_xlsx_template_imports_from_the_students_sheet(world, client_for, upload, latest_import, confirm):
    blank = client_for("coordinator").get(reverse("rostering:template", kwargs={"file_format": "xlsx"}))
    workbook = load_workbook(io.BytesIO(blank.content))
    assert workbook.sheetnames[0] == "Students"
    sheet = workbook["Students"]
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    sheet.append(["007", "Ana", "Diaz", None, 3, "peer", None, None, "Chess"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    apply(upload, latest_import, confirm, [SimpleUploadedFile("ours.xlsx", buffer.getvalue())], source="template")
    ana = Student.objects.get(source_id="007")
    assert (ana.grade, ana.interests) == (3, "Chess")


def test_blank_csv_template_is_the_header_row(client_for, world):
    response = client_for("coordinator").get(reverse("rostering:template", kwargs={"file_format": "csv"}))
    assert response["Content-Disposition"] == 'attachment; filename="roster-template.csv"'
    assert response.content.decode("utf-8-sig").splitlines() == [",".join(HEADERS)]


def test_an_unknown_template_format_is_not_found(client_for, world):
    response = client_for("coordinator").get(reverse("rostering:template", kwargs={"file_format": "pdf"}))
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["'=cmd", "'+1 555 0100"])
def test_a_cell_escaped_against_formulas_is_read_back_without_the_apostrophe(
    world, upload, latest_import, confirm, value
):
    text = f"student id,first name,last name,grade,interests\ns1,A,B,2,{value}\n"
    apply(upload, latest_import, confirm, [csv_file(text)], source="template")
    assert Student.objects.get(source_id="s1").interests == value[1:]


def test_an_empty_unnamed_column_is_ignored_but_one_with_values_is_not(world, upload, latest_import):
    upload([csv_file("student id,first name,last name,grade,\ns1,Ana,Diaz,2,\n")], source="template")
    assert latest_import().status == RosterImport.Status.READY
    upload([csv_file("student id,first name,last name,grade,\ns1,Ana,Diaz,2,oops\n")], source="template")
    assert latest_import().report["errors"][0]["message"] == "This column has values but no name in the first row."
