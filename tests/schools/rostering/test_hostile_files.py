"""Files as schools really send them: an unclosed quote, a NUL byte, a birth date in 2099, errors in every round, files
that are not CSV at all, other separators, ids too long, names with tabs and line breaks. Each gets a message that
says what is wrong and where, and nothing is saved half-way."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook

from schools.models import Student
from schools.rostering.files import MAX_UPLOAD_BYTES
from schools.rostering.models import RosterImport

from ...conftest import service_missing
from .test_bad_input import GOOD_ROW, roster_state
from .testdata import HEADER, USERS_HEADER, csv_file, oneroster_zip, small_set, template_csv, user_row


@pytest.fixture
def linked(world):
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    return world.school


def failed_import(world, upload, latest_import, client, confirm, files, *, source="oneroster"):
    """Upload, check that the import failed and that confirming it anyway changes nothing; the page's text."""
    before = roster_state(world)
    upload(files, source=source)
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.FAILED, roster_import.report
    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk}))
    assert page.status_code == 200
    assert "Nothing was imported" in page.content.decode()
    confirm(roster_import)
    assert roster_import.status == RosterImport.Status.FAILED
    assert roster_state(world) == before
    return roster_import, page.content.decode()


def error_cells(roster_import) -> list[tuple]:
    return [(e["file"], e["line"], e["column"]) for e in roster_import.report["errors"]]


def messages(roster_import) -> str:
    return " ".join(error["message"] for error in roster_import.report["errors"])


# 40 lines swallowed, and 5,000: more than the csv module holds in one value (131,072 characters).
@pytest.mark.parametrize("rest", [40, 5000], ids=["short", "longer than a value may be"])
def test_a_quote_never_closed_is_an_error_naming_the_line_it_opened_on(
    world, linked, upload, latest_import, client, confirm, rest
):
    files = small_set(
        user_row("s1", "Ana", "Diaz", grades="4"),
        user_row("s2", "Ben", "Ito", grades="4"),
        classes="c1,active,,Art,4,,ART,scheduled,,sch-1,,,,\n",
        enrollments=(
            "e1,active,,c1,sch-1,s1,student,,,\n"
            'e2,active,,"c1,sch-1,s2,student,,,\n'  # the quote opens here, on line 3
            + "".join(f"e{n},active,,c1,sch-1,s1,student,,,\n" for n in range(3, rest))
        ),
    )
    roster_import, page = failed_import(world, upload, latest_import, client, confirm, [oneroster_zip(files)])
    assert error_cells(roster_import) == [("enrollments.csv", 3, "classSourcedId")]
    assert 'A quote (") opens on line 3 and is never closed' in messages(roster_import)
    assert "A quote (&quot;) opens on line 3 and is never closed" in page


def nul_name_files():
    return [
        oneroster_zip(
            small_set(user_row("s1", "Ana", "Diaz", grades="4"), user_row("s2", "B\x00en", "Ito", grades="4"))
        )
    ]


def assert_nul_refused(world, upload, latest_import, client, confirm):
    roster_import, page = failed_import(world, upload, latest_import, client, confirm, nul_name_files())
    # user_row() writes the given name into the username too: both cells are named.
    assert error_cells(roster_import) == [("users.csv", 3, "username"), ("users.csv", 3, "givenName")]
    assert "invisible NUL character" in messages(roster_import)
    assert "Something went wrong" not in page
    assert not Student.objects.filter(source_id__in=["s1", "s2"]).exists()


def test_a_nul_byte_is_an_error_with_its_line_and_column(world, linked, upload, latest_import, client, confirm):
    assert_nul_refused(world, upload, latest_import, client, confirm)


@pytest.mark.services
def test_a_nul_byte_is_an_error_on_postgresql_too(world, linked, upload, latest_import, client, confirm):
    """PostgreSQL refuses \\u0000 in text and JSON: the report itself must not carry it."""
    if connection.vendor != "postgresql":
        service_missing("the suite runs on SQLite: set DATABASE_URL to PostgreSQL to run this test")
    assert_nul_refused(world, upload, latest_import, client, confirm)


def test_a_nul_byte_in_a_template_is_an_error_too(world, upload, latest_import, client, confirm):
    roster_import, _page = failed_import(
        world,
        upload,
        latest_import,
        client,
        confirm,
        [template_csv(GOOD_ROW.replace("Ana", "A\x00na"))],
        source="template",
    )
    assert error_cells(roster_import) == [("roster.csv", 2, "first name")]


def test_a_birth_date_in_the_future_is_refused_as_in_the_template(
    world, linked, upload, latest_import, client, confirm
):
    files = small_set(user_row("s1", "Ana", "Diaz", grades="4"), demographics="s1,active,,2099-01-01,female\n")
    roster_import, _page = failed_import(world, upload, latest_import, client, confirm, [oneroster_zip(files)])
    assert error_cells(roster_import) == [("demographics.csv", 2, "birthDate")]
    assert messages(roster_import) == "The date of birth is in the future."


def test_every_bad_cell_is_listed_at_once(world, linked, upload, latest_import, client, confirm):
    files = small_set(
        user_row("s1", "Ana", "Diaz", grades="4", status="maybe"),  # a status
        user_row("s2", "Ben", "Ito", grades="PK"),  # a grade we do not know
        user_row("s3", "Cy", "Oz", grades="9"),  # a grade East Elementary (K-5) does not have
        user_row("s4", "Di", "Fa", grades="4"),
        demographics="s4,active,,2099-01-01,female\n",  # a birth date in the future
    )
    roster_import, _page = failed_import(world, upload, latest_import, client, confirm, [oneroster_zip(files)])
    assert sorted(error_cells(roster_import)) == [
        ("demographics.csv", 2, "birthDate"),
        ("users.csv", 2, "status"),
        ("users.csv", 3, "grades"),
        ("users.csv", 4, "grades"),
    ]


def test_errors_stop_at_a_hundred_with_the_count_of_the_rest(world, linked, upload, latest_import, client, confirm):
    rows = [user_row(f"s{n}", "Ana", "Diaz", grades="PK") for n in range(150)]
    roster_import, page = failed_import(
        world, upload, latest_import, client, confirm, [oneroster_zip(small_set(*rows))]
    )
    assert len(roster_import.report["errors"]) == 100
    assert roster_import.report["errors_total"] == 150
    assert "The first 100 of 150 problems are shown" in page


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


def xlsx_bytes() -> bytes:
    """A real workbook, as Excel's “Save as” with the wrong name (or a renamed file) gives it."""
    workbook = Workbook()
    workbook.active.append(["student id", "first name"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data,what",
    [
        (png(), "a PNG image"),
        (xlsx_bytes(), "an Excel workbook (.xlsx)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    ],
    ids=["png", "xlsx", "pdf", "jpeg"],
)
def test_a_file_that_is_not_csv_says_what_it_is(world, upload, latest_import, client, confirm, data, what):
    files = [SimpleUploadedFile("roster.csv", data, content_type="text/csv")]
    roster_import, _page = failed_import(world, upload, latest_import, client, confirm, files, source="template")
    assert f"This file is {what}, not a CSV file" in messages(roster_import)
    assert "UTF-8" not in messages(roster_import).split("not a CSV file")[0]
    assert "another encoding" not in messages(roster_import)


def test_a_tab_separated_template_is_named_so(world, upload, latest_import, client, confirm):
    text = HEADER.replace(",", "\t") + "\n" + GOOD_ROW.replace(",", "\t") + "\n"
    roster_import, _page = failed_import(
        world, upload, latest_import, client, confirm, [csv_file(text)], source="template"
    )
    assert "separated by tabs" in messages(roster_import)
    assert "is not a column of the template" not in messages(roster_import)


def test_a_semicolon_file_whose_header_holds_a_comma_is_named_so(world, linked, upload, latest_import, client, confirm):
    users = (
        'sourcedId;status;givenName;familyName;role;orgSourcedIds;"grades, as listed"\n'
        "s1;active;Ana;Diaz;student;sch-1;4\n"
    )
    files = {**small_set(), "users.csv": users}
    roster_import, _page = failed_import(world, upload, latest_import, client, confirm, [oneroster_zip(files)])
    assert "separated by semicolons" in messages(roster_import)
    assert "is missing" not in messages(roster_import)


def test_an_id_too_long_names_its_column(world, linked, upload, latest_import, client, confirm):
    files = small_set(user_row("s" * 300, "Ana", "Diaz", grades="4"))
    roster_import, _page = failed_import(world, upload, latest_import, client, confirm, [oneroster_zip(files)])
    assert error_cells(roster_import) == [("users.csv", 2, "sourcedId")]
    assert "at most 255 characters" in messages(roster_import)


def test_the_size_limit_is_said_plainly(world, upload):
    head = (HEADER + "\n").encode()
    big = SimpleUploadedFile("roster.csv", head + b"x" * (MAX_UPLOAD_BYTES + 100_000 - len(head)))
    html = upload([big], source="template").content.decode()
    assert "The file “roster.csv” is 10.1 MB; the limit is 10 MB." in html
    assert not RosterImport.objects.exists()


def test_tabs_and_line_breaks_inside_names_become_one_space(world, linked, upload, latest_import, confirm):
    users = (
        USERS_HEADER
        + "\n"
        + user_row("s1", "Ana\tMaria", '"Diaz\r\n  Lopez"', grades="4").replace("ana\tmaria", "ana")
        + "\n"
    )
    upload([oneroster_zip({**small_set(), "users.csv": users})])
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY, roster_import.report["errors"]
    confirm(roster_import)
    ana = Student.objects.get(source_id="s1")
    assert (ana.first_name, ana.last_name) == ("Ana Maria", "Diaz Lopez")
