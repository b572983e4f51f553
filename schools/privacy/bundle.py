"""Everything held about one student, in one zip: a readable PDF, a JSON file and one CSV file per section.

Built on demand and returned as bytes; never stored on disk (it holds the whole confidential record). The schools app
lists its own sections here; domain apps add theirs (programs, matches, applications) with ``register_section`` from
their ``AppConfig.ready()``, so the core app never imports them.

Every concrete field of every row is written, except secrets (link tokens). A foreign key is written as its id, and
also as its name when the section's query fetched the related row (``select_related``): no query per row.
"""

from __future__ import annotations

import datetime
import io
import json
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import pdf, spreadsheet


@dataclass(frozen=True)
class RecordSection:
    name: str  # the JSON key and the CSV file's name
    title: str
    rows: Callable[..., Iterable[Model]]  # student -> the rows of this section
    order: int = 100
    # Extra values of one row that are not concrete fields (many-to-many names), as {key: (label, value)}.
    more_values: Callable[[Model], dict] | None = None
    # Fields that are not information about the student (e.g. the IP address staff looked from).
    leave_out: tuple[str, ...] = ()


_SECTIONS: list[RecordSection] = []


def register_section(section: RecordSection) -> None:
    if all(existing.name != section.name for existing in _SECTIONS):
        _SECTIONS.append(section)


def sections() -> list[RecordSection]:
    return sorted(_SECTIONS, key=lambda s: (s.order, s.name))


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC") if timezone.is_aware(value) else str(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "—"
    return str(value)


def _row(obj: Model, section: RecordSection) -> tuple[dict, list[tuple[str, str]]]:
    """One row as {key: JSON value} and as [(label, readable text)] for the PDF."""
    values: dict = {}
    readable: list[tuple[str, str]] = []
    for field in obj._meta.concrete_fields:
        if "token" in field.name or field.name in section.leave_out:
            continue  # the secret of a signed link, or not information about the student
        label = str(field.verbose_name)
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            values[field.attname] = related_id
            if related_id is not None and field.is_cached(obj):
                name = str(getattr(obj, field.name))
                values[field.name] = name
                readable.append((label, name))
            continue
        value = field.value_from_object(obj)
        values[field.name] = _json_value(value)
        shown = getattr(obj, f"get_{field.name}_display")() if field.choices and value not in (None, "") else value
        readable.append((label, _text(shown if isinstance(shown, datetime.datetime) else _json_value(shown))))
    for key, (label, value) in (section.more_values(obj) if section.more_values else {}).items():
        values[key] = value
        readable.append((str(label), _text(value)))
    return values, readable


def _csv(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    # schools.spreadsheet escapes a cell that starts like a formula (a name typed as =HYPERLINK(…)).
    writer = spreadsheet.SafeDictWriter(out, fieldnames=columns or ["none"])
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: "; ".join(map(str, v)) if isinstance(v, list) else json.dumps(v) if isinstance(v, dict) else v
                for key, v in row.items()
            }
        )
    return out.getvalue()


def collect(student) -> list[dict]:
    """Every section's rows for ``student``: [{name, title, rows (JSON values), readable (label/text pairs)}]."""
    collected = []
    for section in sections():
        rows, readable = [], []
        for obj in section.rows(student):
            values, text = _row(obj, section)
            rows.append(values)
            readable.append(text)
        collected.append({"name": section.name, "title": str(section.title), "rows": rows, "readable": readable})
    return collected


def render_pdf(*, student, collected: list[dict], generated_at) -> bytes:
    return pdf.render_pdf(
        template_name="schools/privacy/bundle.html",
        context={"student": student, "school": student.school, "sections": collected, "generated_at": generated_at},
    )


def student_record_bundle(student) -> bytes:
    """A zip of everything held about ``student``: records.pdf, records.json and csv/<section>.csv."""
    generated_at = timezone.now()
    collected = collect(student)
    document = {
        "student_id": student.pk,
        "school": student.school.name,
        "generated_at": _json_value(generated_at),
        "sections": {section["name"]: section["rows"] for section in collected},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.pdf", render_pdf(student=student, collected=collected, generated_at=generated_at))
        archive.writestr("records.json", json.dumps(document, indent=2, ensure_ascii=False))
        for section in collected:
            archive.writestr(f"csv/{section['name']}.csv", _csv(section["rows"]))
    return buffer.getvalue()
