"""Every bad upload gets a clear message on the form or the report, never a 500, and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from schools.models import Guardian, School, SchoolClass, Student
from schools.rostering.models import RosterImport

from .testdata import HEADER, catalyst_zip, csv_file, oneroster_zip, small_set, template_csv, user_row

GOOD_ROW = "s1,Ana,Diaz,,4,peer,Room 3,2015-03-02,Art,Rosa Diaz,rosa@example.org,555-0100,Spanish"


def roster_state(world):
    return (
        list(Student.objects.order_by("pk").values_list("pk", "first_name", "grade", "is_active")),
        Guardian.objects.count(),
        SchoolClass.objects.count(),
        School.objects.get(pk=world.school.pk).source_id,
    )


def xlsx(sheets: dict[str, list[list]]) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


# (id, source, files, message fragment): refused by the upload form, nothing stored at all.
FORM_CASES = [
    ("empty file", "template", lambda: [csv_file("")], "is empty"),
    ("renamed zip", "oneroster", lambda: [SimpleUploadedFile("roster.zip", b"orgs,users\n1,2\n")],
     "is not a zip archive"),
    ("fake xlsx", "template", lambda: [SimpleUploadedFile("roster.xlsx", b"student id,first name\n")],
     "is not an Excel workbook"),
    ("old xls", "template", lambda: [SimpleUploadedFile("roster.xls", b"\xd0\xcf\x11\xe0")], "old Excel format"),
    ("zip without users.csv", "oneroster", lambda: [oneroster_zip({"orgs.csv": "sourcedId,name\n1,A\n"})],
     "has no users.csv"),
    ("template as OneRoster", "oneroster", lambda: [template_csv(GOOD_ROW)], "is not a OneRoster file name"),
    ("two templates", "template", lambda: [template_csv(GOOD_ROW), template_csv(GOOD_ROW)],
     "one template file"),
    ("no file", "template", lambda: [], "Choose the file"),
]


@pytest.mark.parametrize("source,files,message", [case[1:] for case in FORM_CASES], ids=[c[0] for c in FORM_CASES])
def test_the_upload_form_refuses_with_a_clear_message(world, upload, source, files, message):
    before = roster_state(world)
    response = upload(files(), source=source)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RosterImport.objects.exists()
    assert roster_state(world) == before


def bad_zip(**changes):
    files = small_set(user_row("s1", "Ana", "Diaz", grades="4"))
    files.update(changes)
    return lambda: [oneroster_zip(files)]


# (id, source, files, message fragment, (file, line, column) of the first error): the check fails the import.
CHECK_CASES = [
    ("latin-1 template", "template",
     lambda: [csv_file(f"{HEADER}\ns1,José,Diaz,,4,,,,,,,,\n", encoding="latin-1")],
     "not UTF-8", ("roster.csv", 2, "")),
    ("utf-16 template", "template", lambda: [csv_file(f"{HEADER}\n", encoding="utf-16")], "UTF-16",
     ("roster.csv", 1, "")),
    ("latin-1 users.csv", "oneroster",
     lambda: [oneroster_zip({**small_set(), "users.csv": ("sourcedId,givenName,familyName,role,orgSourcedIds\n"
                                                         "s1,Jos\xe9,D,student,sch-1\n").encode("latin-1")})],
     "not UTF-8", ("users.csv", 2, "")),
    ("semicolons", "template", lambda: [csv_file(HEADER.replace(",", ";") + "\n")], "semicolons",
     ("roster.csv", 1, "")),
    ("missing column", "template",
     lambda: [template_csv("s1,Ana,Diaz", header="student id,first name,last name")],
     "The column “grade” is missing", ("roster.csv", 1, "grade")),
    ("unknown column", "template", lambda: [template_csv(GOOD_ROW + ",blue", header=HEADER + ",favourite colour")],
     "“favourite colour” is not a column of the template", ("roster.csv", 1, "favourite colour")),
    ("OneRoster column missing", "oneroster",
     bad_zip(**{"users.csv": "sourcedId,familyName,role,orgSourcedIds\ns1,Diaz,student,sch-1\n"}),
     "The column “givenName” is missing", ("users.csv", 1, "givenName")),
    ("bad date", "template", lambda: [template_csv(GOOD_ROW.replace("2015-03-02", "31/12/2012"))],
     "“31/12/2012” is not a date", ("roster.csv", 2, "date of birth")),
    ("bad birthDate", "oneroster", bad_zip(**{"demographics.csv": "sourcedId,birthDate\ns1,2010-13-45\n"}),
     "“2010-13-45” is not a date", ("demographics.csv", 2, "birthDate")),
    ("unknown grade", "template", lambda: [template_csv(GOOD_ROW.replace(",4,", ",Grade 4,"))],
     "“Grade 4” is not a grade we know", ("roster.csv", 2, "grade")),
    ("pre-K grade", "oneroster",
     bad_zip(**{"users.csv": small_set(user_row("s1", "A", "B", grades="PK"))["users.csv"]}),
     "“PK” is not a grade we know", ("users.csv", 2, "grades")),
    ("grade the school lacks", "template", lambda: [template_csv(GOOD_ROW.replace(",4,", ",9,"))],
     "East Elementary does not have this grade", ("roster.csv", 2, "grade")),
    ("unknown kind", "template", lambda: [template_csv(GOOD_ROW.replace(",peer,", ",buddy,"))],
     "“buddy” is not a kind", ("roster.csv", 2, "kind")),
    ("bad guardian email", "template", lambda: [template_csv(GOOD_ROW.replace("rosa@example.org", "rosa-at-home"))],
     "Enter a valid email address", ("roster.csv", 2, "guardian email")),
    ("guardian without a name", "template", lambda: [template_csv(GOOD_ROW.replace("Rosa Diaz", ""))],
     "A guardian needs a name", ("roster.csv", 2, "guardian email")),
    ("duplicate template ids", "template", lambda: [template_csv(GOOD_ROW, GOOD_ROW.replace("Ana", "Eva"))],
     "The student id “s1” is also on line 2", ("roster.csv", 3, "student id")),
    ("duplicate sourcedIds", "oneroster",
     bad_zip(**{"users.csv": small_set(user_row("s1", "A", "B", grades="4"),
                                       user_row("s1", "C", "D", grades="4"))["users.csv"]}),
     "The id “s1” is also on line 2", ("users.csv", 3, "sourcedId")),
    ("header only", "template", lambda: [template_csv()], "has a header but no students", ("roster.csv", 2, "")),
    ("blank lines only", "template", lambda: [csv_file("\n\n \n")], "The file is empty", ("roster.csv", 1, "")),
    ("too many values", "template", lambda: [template_csv(GOOD_ROW + ",extra,values")],
     "has 15 values but the header names 13 columns", ("roster.csv", 2, "")),
    ("xlsx wrong sheet", "template",
     lambda: [xlsx({"Sheet1": [["notes"]], "Summary": [list(HEADER.split(","))]})],
     "The workbook has no sheet called “Students”", ("roster.xlsx", None, "")),
    ("unsupported version", "oneroster", bad_zip(**{"manifest.csv": "propertyName,value\noneroster.version,1.0\n"}),
     "version 1.0", ("manifest.csv", 2, "value")),
    ("one bad row among good ones", "template",
     lambda: [template_csv(GOOD_ROW, "s2,Ben,Ito,,5,,,,,,,,", "s3,Cy,Oz,,,,,,,,,,")],
     "A new student needs a grade", ("roster.csv", 4, "grade")),
]


@pytest.mark.parametrize(
    "source,files,message,where", [case[1:] for case in CHECK_CASES], ids=[c[0] for c in CHECK_CASES]
)
def test_a_bad_file_fails_its_check_with_file_line_and_column(
    world, upload, latest_import, client, confirm, source, files, message, where
):
    if source == "oneroster":  # East is linked to the org of the small files, so their rows are read
        world.school.source_id = "sch-1"
        world.school.save(update_fields=["source_id"])
    before = roster_state(world)
    response = upload(files(), source=source)
    assert response.status_code == 302
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.FAILED
    first = roster_import.report["errors"][0]
    assert message in " ".join(error["message"] for error in roster_import.report["errors"])
    file, line, column = where
    assert first["file"].startswith(file) and first["line"] == line and first["column"].startswith(column), first

    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk}))
    assert page.status_code == 200
    assert "Nothing was imported" in page.content.decode()
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.FAILED
    assert roster_state(world) == before


def test_a_school_linked_to_an_org_that_is_not_in_the_file(world, upload, latest_import):
    world.school.source_id = "999"
    world.school.save(update_fields=["source_id"])
    before = roster_state(world)
    upload([catalyst_zip()])
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.FAILED
    assert "no org with the id “999”" in roster_import.report["errors"][0]["message"]
    assert "History Department (org-sch-222-456)" in roster_import.report["errors"][0]["message"]
    assert roster_state(world) == before


def test_an_org_that_is_not_in_the_file_cannot_be_chosen(world, all_grades, upload, latest_import, choose_org):
    upload([catalyst_zip()])
    roster_import = latest_import()
    response = choose_org(roster_import, "not-an-org")
    assert response.status_code == 302
    assert roster_import.status == RosterImport.Status.NEEDS_ORG
    assert roster_import.org_source_id == ""
