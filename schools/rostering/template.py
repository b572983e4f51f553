"""The plain roster template: its documented columns, the CSV and Excel readers, and the writer used by exports.

An export is a filled-in template, so it imports back unchanged. Blank cells never erase what is already saved.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import spreadsheet
from .files import UploadProblem, max_rows, open_zip, read_csv
from .records import (
    GuardianRecord,
    ParsedRoster,
    Report,
    Source,
    StudentRecord,
    birth_date_problem,
    date_problem,
    grade_problem,
    parse_date,
    parse_grade,
)

SHEET_NAME = "Students"


@dataclass(frozen=True)
class Column:
    header: str  # as written in the file's first row (matched without regard to case, spaces or underscores)
    field: str  # Student field, or guardian_<Guardian field>
    required: bool
    help: str


COLUMNS = (
    Column("student id", "source_id", True, gettext_lazy(
        "The student's id in your student information system, or any id that never changes. Re-importing a row "
        "with the same id updates that student instead of adding another. Rows without an id are skipped.")),
    Column("first name", "first_name", True, gettext_lazy("Required.")),
    Column("last name", "last_name", True, gettext_lazy("Required.")),
    Column("preferred name", "preferred_name", False, gettext_lazy("The name the student goes by, if different.")),
    Column("grade", "grade", True, gettext_lazy("K for kindergarten, or a number from 1 to 12 (0 also means K).")),
    Column("kind", "kind", False, gettext_lazy(
        "“focus” for a focus student or “peer” for a peer partner. Blank: new students get the kind chosen on the "
        "upload form; students already on the roster keep theirs.")),
    Column("homeroom", "homeroom", False, gettext_lazy("The homeroom or advisory, e.g. Room 12.")),
    Column("date of birth", "date_of_birth", False, gettext_lazy("Year-month-day, e.g. 2014-09-30.")),
    Column("interests", "interests", False, gettext_lazy("Interests and hobbies, in a few words.")),
    Column("guardian name", "guardian_name", False, gettext_lazy(
        "A parent or guardian. Needed when any other guardian column is filled in.")),
    Column("guardian email", "guardian_email", False, gettext_lazy("The guardian's email address.")),
    Column("guardian phone", "guardian_phone", False, gettext_lazy("The guardian's phone number.")),
    Column("guardian language", "guardian_language", False, gettext_lazy(
        "The language to write to the guardian in, e.g. Spanish.")),
    Column("directory opt-out", "directory_opt_out", False, gettext_lazy(
        "Written by exports: “yes” when the family asked that the student's name not be shared, so the name columns "
        "are left blank. Ignored on import (blank names keep the saved ones); set it on the student's profile.")),
)
HEADERS = tuple(column.header for column in COLUMNS)

KIND_WORDS = {"focus": "focus", "focus student": "focus", "peer": "peer", "peer partner": "peer"}


def _header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


_BY_KEY = {_header_key(column.header): column for column in COLUMNS}


# --- Reading -----------------------------------------------------------------------------------------------------


def read_csv_template(data: bytes, *, file: str, report: Report, progress) -> ParsedRoster:
    parsed = ParsedRoster(format_label=_("Template (CSV)"))
    table = read_csv(data, file=file, report=report)
    if table is None:
        return parsed
    _interpret(table.header, list(table.rows), file=file, column_label=lambda index, header: header, parsed=parsed,
               report=report, progress=progress)
    return parsed


def read_xlsx_template(data: bytes, *, file: str, report: Report, progress) -> ParsedRoster:
    from openpyxl import load_workbook  # loaded only for an Excel file (openpyxl is slow to import)

    parsed = ParsedRoster(format_label=_("Template (Excel)"))
    try:
        open_zip(file, data)  # an .xlsx is a zip: refuse zip bombs before openpyxl unpacks anything
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadProblem as problem:
        report.error(Source(file), str(problem))
        return parsed
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError):
        report.error(Source(file), _("This is not an Excel workbook (.xlsx) we can open. Save it again as “Excel "
                                     "Workbook (.xlsx)”, or download the template and copy the roster into it."))
        return parsed
    try:
        names = workbook.sheetnames
        sheet_name = next((name for name in names if name.strip().lower() == SHEET_NAME.lower()), None)
        if sheet_name is None and len(names) == 1:
            sheet_name = names[0]
        if sheet_name is None:
            report.error(
                Source(file),
                _("The workbook has no sheet called “%(sheet)s” (its sheets: %(names)s). Put the roster on a sheet "
                  "called %(sheet)s, as in the template.") % {"sheet": SHEET_NAME, "names": ", ".join(names)},
            )
            return parsed
        label = _("%(file)s, sheet %(sheet)s") % {"file": file, "sheet": sheet_name}
        rows, limit = [], max_rows() + 1  # the header, then at most ROSTER_MAX_ROWS rows, as in a CSV file
        for number, values in enumerate(workbook[sheet_name].iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if any(cells):
                if len(rows) == limit:
                    report.error(
                        Source(label, number),
                        _("The sheet has more than %(limit)s rows, more than a school's roster holds, so it was not "
                          "read further.") % {"limit": number_format(limit - 1, force_grouping=True)},
                    )
                    return parsed
                rows.append((number, cells))
    finally:
        workbook.close()
    if not rows:
        report.error(Source(label, 1), _("The sheet is empty: there is not even a header row."))
        return parsed
    (_number, header), body = rows[0], rows[1:]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    header = header[:width]
    body = [(number, (cells + [""] * width)[:width]) for number, cells in body]
    _interpret(header, body, file=label, column_label=_xlsx_column_label, parsed=parsed, report=report,
               progress=progress)
    return parsed


def _xlsx_column_label(index: int, header: str) -> str:
    from openpyxl.utils import get_column_letter  # as above: only for an Excel file

    return f"{header} ({get_column_letter(index + 1)})"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _interpret(header, rows, *, file, column_label, parsed: ParsedRoster, report: Report, progress) -> None:
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        column = _BY_KEY.get(_header_key(text))
        source = Source(file, 1, column_label(index, text or "—"))
        if not text.strip():
            # Spreadsheets often leave an empty column at the end; one with values needs a name.
            if any(values[index].strip() for _line, values in rows):
                report.error(source, _("This column has values but no name in the first row."))
        elif column is None:
            report.error(source, _("“%(header)s” is not a column of the template. The columns are: %(columns)s.")
                         % {"header": text, "columns": ", ".join(HEADERS)})
        elif column.field in columns:
            report.error(source, _("The column “%(header)s” appears twice.") % {"header": column.header})
        else:
            columns[column.field] = index
    for column in COLUMNS:
        if column.required and column.field not in columns:
            report.error(Source(file, 1, column.header),
                         _("The column “%(header)s” is missing. Download the template to see every column.")
                         % {"header": column.header})
    if report.has_errors:
        return
    if not rows:
        report.error(Source(file, 2), _("The file has a header but no students."))
        return
    parsed.rows_read = len(rows)
    progress.start(len(rows))
    labels = {field: column_label(index, header[index]) for field, index in columns.items()}
    seen: dict[str, int] = {}
    for line, values in rows:
        progress.advance()
        row = Source(file, line)
        cells = {field: spreadsheet.read_cell(values[index].strip()) for field, index in columns.items()}

        def at(field, row=row):
            return row.at(labels[field])

        label = f"{cells['first_name']} {cells['last_name']}".strip() or _("(no name)")
        student_id = cells["source_id"]
        if not student_id:
            report.skip(row, record=label, reason=_("No student id: rows without an id are not imported"))
            continue
        if student_id in seen:
            report.error(at("source_id"), _("The student id “%(id)s” is also on line %(first)s. Each student may "
                                            "appear once.") % {"id": student_id, "first": seen[student_id]})
            continue
        seen[student_id] = line
        parsed.students.append(_student(cells, row, label, at, report))
        guardian = _guardian(cells, student_id, row, label, at, report)
        if guardian is not None:
            parsed.guardians.append(guardian)


def _student(cells, row, label, at, report) -> StudentRecord:
    record = StudentRecord(source_id=cells["source_id"], row=row, label=label)
    record.sources["source_id"] = at("source_id")
    for field in ("first_name", "last_name", "preferred_name", "homeroom", "interests"):
        if cells.get(field):
            record.set(field, cells[field], at(field))
    for field in ("first_name", "last_name", "grade"):
        record.sources.setdefault(field, at(field))
    if cells["grade"]:
        try:
            record.set("grade", parse_grade(cells["grade"]), at("grade"))
        except ValueError:
            report.error(at("grade"), grade_problem(cells["grade"]))
    if cells.get("kind"):
        kind = KIND_WORDS.get(cells["kind"].strip().lower())
        if kind is None:
            report.error(at("kind"), _("“%(value)s” is not a kind: write focus or peer.") % {"value": cells["kind"]})
        else:
            record.kind = kind
            record.sources["kind"] = at("kind")
    if cells.get("date_of_birth"):
        try:
            born = parse_date(cells["date_of_birth"])
        except ValueError:
            report.error(at("date_of_birth"), date_problem(cells["date_of_birth"]))
        else:
            problem = birth_date_problem(born)
            if problem:
                report.error(at("date_of_birth"), problem)
            else:
                record.set("date_of_birth", born, at("date_of_birth"))
    return record


def _guardian(cells, student_id, row, label, at, report) -> GuardianRecord | None:
    fields = {"name": "guardian_name", "email": "guardian_email", "phone": "guardian_phone",
              "language": "guardian_language"}
    if not any(cells.get(column) for column in fields.values()):
        return None
    if not cells.get("guardian_name"):
        column = next(column for column in fields.values() if cells.get(column))
        report.error(at(column), _("A guardian needs a name: fill in “guardian name” too."))
        return None
    record = GuardianRecord(student_source_id=student_id, row=row,
                            label=_("%(guardian)s, for %(student)s") % {"guardian": cells["guardian_name"],
                                                                         "student": label})
    for field, column in fields.items():
        if cells.get(column):
            record.set(field, cells[column], at(column))
    return record


# --- Writing -----------------------------------------------------------------------------------------------------


def student_row(student) -> dict:
    """One export row; ``student.export_guardians`` is the prefetched list of guardians, primary contact first."""
    guardian = student.export_guardians[0] if student.export_guardians else None
    # A family's directory opt-out: the name stays out of every export; the row says why it is blank.
    hidden = student.directory_opt_out
    return {
        "source_id": student.source_id,
        "first_name": "" if hidden else student.first_name,
        "last_name": "" if hidden else student.last_name,
        "preferred_name": "" if hidden else student.preferred_name,
        "grade": "K" if student.grade == 0 else str(student.grade),
        "kind": student.kind,
        "homeroom": student.homeroom,
        "date_of_birth": student.date_of_birth,
        "interests": student.interests,
        "guardian_name": guardian.name if guardian else "",
        "guardian_email": guardian.email if guardian else "",
        "guardian_phone": guardian.phone if guardian else "",
        "guardian_language": guardian.language if guardian else "",
        "directory_opt_out": "yes" if hidden else "",
    }


def write_csv(rows) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads accents right), CRLF lines, as the template's columns."""
    # Every cell goes through schools.spreadsheet: a name typed as a formula is written as text.
    text = spreadsheet.csv_text(
        HEADERS, ([_plain(row[column.field]) for column in COLUMNS] for row in rows), lineterminator="\r\n"
    )
    return ("\ufeff" + text).encode("utf-8")


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_xlsx(rows) -> bytes:
    """A workbook with the roster on the “Students” sheet and the column explanations on a second sheet."""
    # openpyxl is loaded only when an Excel file is written (slow to import).
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            value = row[column.field]
            cell = sheet.cell(row=number, column=index)
            if isinstance(value, datetime.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                spreadsheet.set_xlsx_cell(cell, _plain(value))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column.header) + 4)
    help_sheet = workbook.create_sheet(_("How to fill in"))
    help_sheet.append([_("Column"), _("Required"), _("What to write")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.header, _("yes") if column.required else _("no"), str(column.help)])
    help_sheet.column_dimensions["A"].width = 20
    help_sheet.column_dimensions["C"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
