"""Formula injection: every CSV and Excel file a person may download writes a cell that starts like a formula as text,
through one helper (``schools.spreadsheet``). A new export that bypasses it fails here: the source is searched for
CSV and Excel writers, and the role matrix for download URLs, and each one must be listed in EXPORTS below (where a
hostile student is downloaded through it)."""

import csv
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from schools import spreadsheet
from schools.models import Guardian
from tests.role_matrix import MATRIX
from tests.schools.factories import east_records

ROOT = Path(__file__).resolve().parent.parent
APPS = ("schools", "programs", "recruitment", "orientation", "activities", "evaluation", "peerpartners")

HOSTILE = ('=HYPERLINK("http://evil","x")', "+1", "-1", "@SUM(1)", "\tX", "\rX")
STARTS_LIKE_A_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# --- The helper ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_starts_like_a_formula_gets_an_apostrophe_and_reads_back(value):
    assert spreadsheet.safe_cell(value) == f"'{value}"
    assert spreadsheet.read_cell(spreadsheet.safe_cell(value)) == value


@pytest.mark.parametrize("value", [-1, -2.5, Decimal("-3.10"), 0, True, None])
def test_real_numbers_stay_numbers(value):
    # A negative number is not a formula: a numeric column stays numeric (only text is escaped).
    assert spreadsheet.safe_cell(value) is value


def test_plain_text_is_unchanged_and_an_apostrophe_the_person_typed_is_kept():
    assert spreadsheet.safe_cell("Noah O'Brien") == "Noah O'Brien"
    assert spreadsheet.read_cell("'tis") == "'tis"


def test_an_excel_cell_that_starts_like_a_formula_is_text_with_the_quote_prefix():
    from openpyxl import Workbook

    sheet = Workbook().active
    for column, value in enumerate(("+1 555 0101", "Noah", -3, None), start=1):
        spreadsheet.set_xlsx_cell(sheet.cell(row=1, column=column), value)
    phone, name, number, empty = sheet[1]
    assert (phone.value, phone.data_type, phone.quotePrefix) == ("+1 555 0101", "s", True)
    assert (name.value, name.quotePrefix) == ("Noah", False)
    assert (number.value, number.data_type) == (-3, "n")
    assert empty.value is None


def test_the_csv_writers_escape_every_cell():
    out = io.StringIO()
    writer = spreadsheet.SafeDictWriter(out, fieldnames=["name", "count"])
    writer.writeheader()
    writer.writerow({"name": "=1+1", "count": -4})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["name", "count"], ["'=1+1", "-4"]]


# --- Every export -------------------------------------------------------------------------------------------------


def _csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def _xlsx_cells(data: bytes) -> list:
    """The cells' values; a text cell that Excel keeps as text (its quote prefix) is given as "'value", like in CSV,
    and a formula cell (or text starting like one without the prefix) as it is, so the checks below flag it."""
    workbook = load_workbook(io.BytesIO(data))
    cells = []
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                protected = cell.data_type == "s" and cell.quotePrefix and isinstance(cell.value, str)
                cells.append(f"'{cell.value}" if protected else cell.value)
    return cells


def _zip_cells(data: bytes) -> list:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = [name for name in archive.namelist() if name.endswith((".csv", ".xlsx"))]
    assert names, "the zip holds no spreadsheet"
    cells = []
    for name in names:
        read = _csv_cells if name.endswith(".csv") else _xlsx_cells
        cells.extend(read(archive.read(name)))
    return cells


def _roster(file_format):
    def download(client, world):
        response = client.get(reverse("rostering:export", kwargs={"file_format": file_format}))
        return (_csv_cells if file_format == "csv" else _xlsx_cells)(response.content)

    return download


def _template(file_format):
    def download(client, world):
        response = client.get(reverse("rostering:template", kwargs={"file_format": file_format}))
        return (_csv_cells if file_format == "csv" else _xlsx_cells)(response.content)

    return download


def _student_bundle(client, world):
    response = client.post(
        reverse("privacy:student_export", kwargs={"pk": world.focus_student.pk}), {"given_to": "inside"}
    )
    return _zip_cells(response.content)


def _request_bundle(client, world):
    response = client.post(reverse("privacy:request_bundle", kwargs={"pk": east_records(world).inspection_request.pk}))
    return _zip_cells(response.content)


def _service_hours(client, world):
    """The approved service hours of East's program and term, in the SIS's shape (activities.service)."""
    from tests.activities.factories import ServiceHoursFactory, east_service

    objects = east_service(world)
    ServiceHoursFactory(
        program=objects.program,
        term=world.term,
        student=world.focus_student,
        description=HOSTILE[2],
        verifier_name=HOSTILE[3],
        verification="confirmed",
        approval="approved",
    )
    url = reverse("activities:hours_export", kwargs={"pk": objects.program.pk, "term_pk": world.term.pk})
    cells = _csv_cells(client.get(url).content)
    # The student's names and the claim's own text are in it, escaped (the export holds no other field).
    assert {f"'{HOSTILE[0]}", f"'{HOSTILE[1]}", f"'{HOSTILE[2]}", f"'{HOSTILE[3]}"} <= set(cells)
    return cells


# Every download a person may open in a spreadsheet: (URL name, format) → how to fetch it and read its cells.
# `holds_student_data`: the hostile student's values must be in it (the blank template holds none).
EXPORTS = {
    ("rostering:export", "csv"): (_roster("csv"), True),
    ("rostering:export", "xlsx"): (_roster("xlsx"), True),
    ("rostering:template", "csv"): (_template("csv"), False),
    ("rostering:template", "xlsx"): (_template("xlsx"), False),
    ("privacy:student_export", "zip of csv"): (_student_bundle, True),
    ("privacy:request_bundle", "zip of csv"): (_request_bundle, True),
    # Names, the description and the verifier only (not every field of the student): checked in _service_hours.
    ("activities:hours_export", "csv"): (_service_hours, False),
}
# URL names that look like downloads but give no spreadsheet (a PDF or an uploaded document, shown as it was sent).
NOT_SPREADSHEETS = {"programs:approval_document", "recruitment:material_download"}
# The modules that write CSV or Excel through schools.spreadsheet, and the exports above that cover each.
WRITING_MODULES = {
    "schools/rostering/template.py": {"rostering:export", "rostering:template"},
    "schools/privacy/bundle.py": {"privacy:student_export", "privacy:request_bundle"},
    "activities/service/views.py": {"activities:hours_export"},
}


@pytest.fixture
def hostile_student(world):
    """East's focus student with a value that starts like a formula in every free-text field, and such a guardian."""
    student = world.focus_student
    student.first_name, student.last_name, student.preferred_name, student.homeroom, student.interests = HOSTILE[:5]
    student.save()
    east_records(world)  # the records request the request bundle is downloaded from
    Guardian.objects.create(student=student, name=HOSTILE[5], phone=HOSTILE[2], language=HOSTILE[3], is_primary=True)
    return student


@pytest.mark.usefixtures("weasyprint_ready")
@pytest.mark.parametrize("export", list(EXPORTS), ids=[f"{name} {kind}" for name, kind in EXPORTS])
def test_every_export_writes_a_hostile_value_as_text(client_for, world, hostile_student, export):
    download, holds_student_data = EXPORTS[export]
    cells = download(client_for("coordinator"), world)
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert texts, f"{export} gave no cells"
    live = [cell for cell in texts if cell.startswith(STARTS_LIKE_A_FORMULA)]
    assert not live, f"{export} writes cells a spreadsheet runs as formulas: {live}"
    if holds_student_data:
        # XML (inside an .xlsx) reads a CR back as a line feed.
        held = {text.replace("\r", "\n") for text in texts}
        missing = [value for value in HOSTILE if f"'{value}".replace("\r", "\n") not in held]
        assert not missing, f"{export} does not hold the student's values {missing} (escaped)"


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


# Writing a spreadsheet without the helper: the csv module's writers, or a library that writes CSV or Excel itself.
RAW_WRITER = re.compile(r"csv\.(writer|DictWriter)\b|\bDictWriter\(|xlsxwriter|\.to_csv\(|\.to_excel\(|pyexcel")
# Producing a spreadsheet at all (through the helper or not).
WRITES_A_SPREADSHEET = re.compile(r"\bWorkbook\(|text/csv|spreadsheetml|spreadsheet\.(Safe\w*Writer|csv_text|set_xlsx)")


def test_only_the_helper_uses_a_raw_csv_or_excel_writer():
    raw = [name for name, text in _sources() if RAW_WRITER.search(text) and name != "schools/spreadsheet.py"]
    assert not raw, f"write CSV through schools.spreadsheet (SafeWriter, SafeDictWriter, csv_text), not in {raw}"


def test_every_module_that_writes_a_spreadsheet_is_covered_by_an_export_above():
    writing = {name for name, text in _sources() if WRITES_A_SPREADSHEET.search(text)}
    writing -= {"schools/spreadsheet.py", "schools/rostering/services.py"}  # services names the content types only
    assert writing == set(WRITING_MODULES), (
        "a module writes CSV or Excel: make it use schools.spreadsheet and add its download to EXPORTS and "
        f"WRITING_MODULES in this file (found {sorted(writing)})"
    )
    covered = {name for name, _kind in EXPORTS}
    for module, urls in WRITING_MODULES.items():
        assert urls <= covered, f"{module}: {urls - covered} not downloaded in EXPORTS"


def test_an_excel_workbook_is_filled_only_through_the_helper():
    for name, text in _sources():
        if re.search(r"\bWorkbook\(", text):
            assert "spreadsheet.set_xlsx_cell" in text, f"{name} fills a workbook without spreadsheet.set_xlsx_cell"
            assert not re.search(r"\.cell\([^)]*value=", text), f"{name} sets a cell's value without the helper"


def test_every_download_url_of_the_role_matrix_is_an_export_above_or_not_a_spreadsheet():
    looks_like_a_download = [
        name for name in MATRIX if re.search(r"export|bundle|download|template|document|csv|xlsx|spreadsheet", name)
    ]
    covered = {name for name, _kind in EXPORTS} | NOT_SPREADSHEETS
    assert set(looks_like_a_download) <= covered, (
        f"new downloads {sorted(set(looks_like_a_download) - covered)}: add them to EXPORTS (a spreadsheet) or to "
        "NOT_SPREADSHEETS (a PDF, an uploaded file)"
    )
