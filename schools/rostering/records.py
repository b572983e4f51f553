"""What the readers hand to the planner, and the report every step writes into.

Readers (``oneroster``, ``template``) turn files into records that name only what the file says: a field missing
from a record is left as it is on our side. Each value remembers where it came from (file, line, column), so a
problem found later (a grade the school does not have, a name that is too long) points at the cell to fix.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

# Lists in the report are cut here (their totals are always complete): a page of 10,000 skipped rows helps nobody.
REPORT_LIST_LIMIT = 500
# Errors are all gathered in one check (never one round at a time), but a file with thousands is better fixed at its
# source: the first ``settings.ROSTER_MAX_ERRORS`` (100) are listed, with the count of the rest.


@dataclass(frozen=True)
class Source:
    """Where a value came from: ``line`` is the CSV line or the spreadsheet row; ``column`` the header as written."""

    file: str
    line: int | None = None
    column: str = ""

    def at(self, column: str) -> Source:
        return Source(self.file, self.line, column)


@dataclass
class StudentRecord:
    source_id: str
    row: Source
    label: str
    active: bool = True
    kind: str | None = None
    fields: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    def set(self, name: str, value, source: Source) -> None:
        self.fields[name] = clean_text(value)
        self.sources[name] = source


@dataclass
class GuardianRecord:
    student_source_id: str
    row: Source
    label: str
    source_id: str = ""
    active: bool = True
    fields: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    def set(self, name: str, value, source: Source) -> None:
        self.fields[name] = clean_text(value)
        self.sources[name] = source


@dataclass(frozen=True)
class Session:
    """A OneRoster academic session, used only to find the matching term of the school."""

    source_id: str
    title: str
    start: datetime.date | None
    end: datetime.date | None


@dataclass
class ClassRecord:
    source_id: str
    row: Source
    label: str
    fields: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    # Students enrolled according to the file, and, in delta files, those whose enrollment is to be deleted.
    student_ids: set[str] = field(default_factory=set)
    removed_student_ids: set[str] = field(default_factory=set)
    replace_students: bool = True
    teachers: list[str] = field(default_factory=list)

    def set(self, name: str, value, source: Source) -> None:
        self.fields[name] = clean_text(value)
        self.sources[name] = source


@dataclass(frozen=True)
class Org:
    source_id: str
    name: str
    type: str
    students: int


@dataclass
class ParsedRoster:
    """Everything one upload says, already limited to the school's own org."""

    format_label: str
    org: Org | None = None
    # Filled when the school is not linked to an org yet: the coordinator picks one of these.
    org_choices: list[Org] = field(default_factory=list)
    students: list[StudentRecord] = field(default_factory=list)
    guardians: list[GuardianRecord] = field(default_factory=list)
    classes: list[ClassRecord] = field(default_factory=list)
    rows_read: int = 0

    @property
    def needs_org(self) -> bool:
        return self.org is None and bool(self.org_choices)


class Report:
    """Errors stop an import; skipped rows and notes explain what was left out and why. Saved as JSON."""

    def __init__(self):
        self.errors: list[dict] = []
        self.skipped: list[dict] = []
        self.notes: list[dict] = []
        self.error_total = 0
        self.skipped_total = 0
        self.note_total = 0
        self.skipped_reasons: Counter = Counter()
        self.bad_cells: set[Source] = set()

    def error(self, source: Source, message: str) -> None:
        # The first ``settings.ROSTER_MAX_ERRORS`` are kept; the rest are only counted ("… and 4,512 more"): a
        # file with an error on every one of its 100,000 lines needs fixing at its source, not a list.
        self.error_total += 1
        self.bad_cells.add(source)
        if len(self.errors) < settings.ROSTER_MAX_ERRORS:
            self.errors.append(
                {
                    "file": _storable(source.file),
                    "line": source.line,
                    "column": _storable(source.column),
                    "message": _storable(message),
                }
            )

    def has_error_at(self, source: Source) -> bool:
        """A later step (the planner) does not report a second problem at a cell already reported."""
        return source in self.bad_cells

    def skip(self, source: Source, *, record: str, reason: str, detail: str = "") -> None:
        self.skipped_total += 1
        self.skipped_reasons[str(reason)] += 1
        if len(self.skipped) < REPORT_LIST_LIMIT:
            self.skipped.append(
                {
                    "file": _storable(source.file),
                    "line": source.line,
                    "record": _storable(record),
                    "reason": _storable(reason),
                    "detail": _storable(detail),
                }
            )

    def note(self, source: Source | None, message: str) -> None:
        self.note_total += 1
        if len(self.notes) < REPORT_LIST_LIMIT:
            where = source or Source("")
            self.notes.append({"file": _storable(where.file), "line": where.line, "message": _storable(message)})

    @property
    def has_errors(self) -> bool:
        return self.error_total > 0

    def as_json(self) -> dict:
        return {
            "errors": self.errors,
            "errors_total": self.error_total,
            "errors_more": self.error_total - len(self.errors),
            "skipped": self.skipped,
            "skipped_total": self.skipped_total,
            "skipped_summary": [
                {"reason": reason, "count": count} for reason, count in self.skipped_reasons.most_common()
            ],
            "notes": self.notes,
            "notes_total": self.note_total,
        }


def _storable(text) -> str:
    """PostgreSQL stores no NUL character (in text or JSON): a report that quotes one must still be saved."""
    return str(text).replace("\x00", "")


# --- Values shared by both readers -------------------------------------------------------------------------------

_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> datetime.date | None:
    """``2012-09-30``, or a full ISO timestamp (``2023-05-01T18:25:43.511Z``) of which the day is kept."""
    value = value.strip()
    if not value:
        return None
    if not _DATE_START.match(value):
        raise ValueError(value)
    day = datetime.date.fromisoformat(value[:10])
    if len(value) > 10:
        datetime.datetime.fromisoformat(value)  # raises ValueError for a malformed time part
    return day


def birth_date_problem(born: datetime.date) -> str | None:
    """The one rule for a date of birth from any file (a year typed wrong is far more likely than a time traveller)."""
    if born > datetime.date.today():
        return _("The date of birth is in the future.")
    return None


def date_problem(value: str) -> str:
    return _("“%(value)s” is not a date. Write dates as year-month-day, for example 2012-09-30.") % {"value": value}


_GRADE_WORDS = {"K": 0, "KG": 0, "KINDERGARTEN": 0}


def parse_grade(value: str) -> int:
    """K (or KG, the OneRoster code) is 0; 1-12 may have a leading zero (09). Anything else is a ValueError."""
    text = value.strip().upper()
    if text in _GRADE_WORDS:
        return _GRADE_WORDS[text]
    if text.isdigit() and 0 <= int(text) <= 12:
        return int(text)
    raise ValueError(value)


def grade_problem(value: str) -> str:
    return _("“%(value)s” is not a grade we know. Write K for kindergarten or a number from 1 to 12.") % {
        "value": value
    }


_CONTROL_SPACE = re.compile(r"\s*[\t\n\r\v\f]\s*")


def clean_text(value):
    """Tabs and line breaks inside a value (a name typed across two lines, a pasted tab) become one space."""
    if isinstance(value, str):
        return _CONTROL_SPACE.sub(" ", value).strip()
    return value


def split_list(value: str) -> list[str]:
    """OneRoster lists are comma-separated inside one quoted cell: ``"09,10,11"``."""
    return [part.strip() for part in value.split(",") if part.strip()]
