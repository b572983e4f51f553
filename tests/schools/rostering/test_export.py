"""Exports: the template's columns, only the active school's enrolled students, never cached, always logged."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from schools.models import AccessLogEntry, Guardian
from schools.rostering.template import HEADERS
from tests.schools.factories import StudentFactory


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_holds_the_roster_with_guardians(client_for, world):
    Guardian.objects.create(student=world.focus_student, name="Maria Bennett", email="maria@example.org",
                            phone="555-0101", language="Spanish", is_primary=True)
    StudentFactory(school=world.other_school, first_name="Other", last_name="School", grade=7)
    StudentFactory(school=world.school, first_name="Gone", last_name="Away", is_active=False)
    world.focus_student.source_id = "F-1"
    world.focus_student.save()

    response = client_for("coordinator").get(reverse("rostering:export", kwargs={"file_format": "csv"}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="roster-east-')
    header, *rows = rows_of(response)
    assert header == list(HEADERS)
    assert [row[:3] for row in rows] == [["F-1", "Noah", "Bennett"], ["", "Sofia", "Ramirez"]]
    noah = dict(zip(header, rows[0], strict=True))
    assert (noah["grade"], noah["kind"], noah["guardian name"], noah["guardian email"]) == (
        "3", "focus", "Maria Bennett", "maria@example.org"
    )


def test_each_export_writes_one_access_log_row(client_for, world):
    client_for("school_admin").get(reverse("rostering:export", kwargs={"file_format": "xlsx"}))
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.user, entry.school, entry.student) == (
        "export", world.user("school_admin"), world.school, None
    )
    assert entry.what == "Roster export (XLSX): 2 students"


def test_xlsx_export_has_the_students_sheet(client_for, world):
    response = client_for("coordinator").get(reverse("rostering:export", kwargs={"file_format": "xlsx"}))
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(response.content))["Students"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(HEADERS)
    assert [row[1] for row in values[1:]] == ["Noah", "Sofia"]


def test_staff_without_the_permission_cannot_export_and_nothing_is_logged(client_for, world):
    for role in ("staff", "district_admin", "peer"):
        response = client_for(role).get(reverse("rostering:export", kwargs={"file_format": "csv"}))
        assert response.status_code == 403, role
    assert not AccessLogEntry.objects.exists()


def test_another_school_exports_only_its_own_roster(client_for, world):
    StudentFactory(school=world.other_school, first_name="Marcus", last_name="Lee", grade=7)
    rows = rows_of(client_for("other_coordinator").get(reverse("rostering:export", kwargs={"file_format": "csv"})))
    assert [row[1] for row in rows[1:]] == ["Marcus"]
