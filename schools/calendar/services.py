"""Write side of a school's calendar of non-school days: add one day or a range, delete one, import a CSV or an ICS
file. Keyword-only, ``full_clean()``, one transaction each; the registered apps (``registry.py``) follow the days
added in that same transaction (activities cancel what was scheduled on them).

Reading a file (``csv_days`` / ``ics_days``) is separate from saving (``non_school_days_import``): a file with any bad
line is refused whole with a message per line, so nothing is ever saved half-way. Days that are only not needed
(a weekend, a day outside the school's terms, one already in the calendar) are skipped and reported, not errors.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import NonSchoolDay, Term
from ..spreadsheet import read_cell
from . import registry

NAME_MAX = NonSchoolDay._meta.get_field("name").max_length
# A range typed by hand longer than this is a typing mistake (a year for a week), not a break.
RANGE_MAX_DAYS = 31
# An event of an imported calendar longer than this is not a break of school days (a "semester", a "school year").
EVENT_MAX_DAYS = 31
FILE_MAX_BYTES = 1024 * 1024
# Errors listed one by one before "… and N more": enough to fix a file, short enough to read.
ERRORS_SHOWN = 20
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y")


@dataclass
class Report:
    """What an add or an import did: the days saved, the days skipped (with why), the lines refused, and what the
    apps that follow the calendar did."""

    added: list[NonSchoolDay] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    followed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Day:
    date: datetime.date
    name: str
    # Where it came from, for the report: "line 4", "event “Winter break”".
    source: str = ""


def _weekend(day: datetime.date) -> bool:
    return day.weekday() >= 5


def _term_for(terms: list[Term], day: datetime.date) -> Term | None:
    """The shortest of the school's terms containing ``day`` (a semester before the school year holding it)."""
    holding = [t for t in terms if t.start_date <= day <= t.end_date]
    return min(holding, key=lambda t: t.end_date - t.start_date) if holding else None


def _save(*, school, days: list[Day]) -> Report:
    """Save ``days`` (already read and valid) at ``school``: weekends, days outside every term and days already in
    the calendar are skipped with the reason; the rest are saved with their term, and the registered apps follow
    them, all in one transaction."""
    report = Report()
    with transaction.atomic():
        # The school's row: two imports of one school at once save one after the other, each seeing the other's days.
        type(school).objects.select_for_update().filter(pk=school.pk).first()
        terms = list(Term.objects.filter(school=school))
        known = set(NonSchoolDay.objects.filter(school=school).values_list("date", flat=True))
        added: dict[datetime.date, str] = {}
        for day in days:
            when = f"{day.date:%a %b %-d, %Y}"
            if _weekend(day.date):
                report.skipped.append(_("%(day)s: a weekend, no school anyway.") % {"day": when})
                continue
            term = _term_for(terms, day.date)
            if term is None:
                report.skipped.append(_("%(day)s: outside the school's terms.") % {"day": when})
                continue
            if day.date in known or day.date in added:
                report.skipped.append(_("%(day)s: already in the calendar.") % {"day": when})
                continue
            row = NonSchoolDay(school=school, term=term, date=day.date, name=day.name[:NAME_MAX])
            row.full_clean()
            row.save()
            report.added.append(row)
            added[day.date] = row.name
        report.followed = registry.non_school_days_added(school=school, days=added)
    return report


def non_school_days_add(
    *, school, first: datetime.date, last: datetime.date | None = None, name: str, weekdays_only: bool = True
) -> Report:
    """Add ``first`` (and every day up to ``last``: a week's break) as non-school days named ``name``. With
    ``weekdays_only`` Saturdays and Sundays of a range are left out without a word; a single day on a weekend, a day
    outside the terms or one already there is refused with the reason when nothing at all would be added."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say what the day is, e.g. Thanksgiving break.")})
    last = last or first
    if last < first:
        raise ValidationError({"last": _("The last day must be on or after the first day.")})
    if (last - first).days + 1 > RANGE_MAX_DAYS:
        raise ValidationError(
            {"last": _("That is more than %(days)s days: enter a break of at most a month.") % {"days": RANGE_MAX_DAYS}}
        )
    days = []
    day = first
    while day <= last:
        if not (weekdays_only and _weekend(day) and first != last):
            days.append(Day(day, name))
        day += datetime.timedelta(days=1)
    if not days:
        raise ValidationError(_("Those days are all on a weekend: there is nothing to add."))
    report = _save(school=school, days=days)
    if not report.added:
        # Nothing saved: the reasons are the answer (the transaction saved nothing, so there is nothing to undo).
        raise ValidationError(report.skipped)
    return report


def non_school_day_delete(*, day: NonSchoolDay) -> None:
    """Take a day out of the calendar. Occurrences already cancelled for it stay cancelled (people were told):
    the coordinator brings back the ones that will happen after all."""
    with transaction.atomic():
        day.delete()


def _too_many(errors: list[str]) -> list[str]:
    if len(errors) <= ERRORS_SHOWN:
        return errors
    more = len(errors) - ERRORS_SHOWN
    return [*errors[:ERRORS_SHOWN], _("… and %(count)s more.") % {"count": more}]


def _text(data: bytes) -> str:
    if len(data) > FILE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 1 MB: a calendar of non-school days is much smaller."))
    not_text = ValidationError(_("This is not a text file: save the calendar as CSV (or ICS) and try again."))
    # A NUL byte means a binary file (a spreadsheet, a PDF, an image), whatever it decodes as.
    if b"\x00" in data:
        raise not_text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves "CSV" in its own code page.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise not_text from None


def _date(value: str) -> datetime.date | None:
    value = value.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def csv_days(data: bytes) -> list[Day]:
    """The days of a CSV of ``date,name`` lines (a header line, blank lines, ISO 2026-11-26 or US 11/26/2026 dates
    are fine). Any bad line refuses the whole file with one message per line (``ValidationError``)."""
    text = _text(data)
    if not text.strip():
        raise ValidationError(_("The file is empty: put one day a line, as date,name."))
    days: list[Day] = []
    errors: list[str] = []
    seen: dict[datetime.date, int] = {}
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ValidationError(_("The file could not be read as CSV (%(error)s).") % {"error": error}) from None
    first_line = True
    for number, row in enumerate(rows, start=1):
        cells = [read_cell(cell).strip() for cell in row]
        if not any(cells):
            continue
        first = cells[0]
        day = _date(first)
        header = first_line and day is None and "date" in first.lower()
        first_line = False
        if header:
            continue
        line = _("Line %(number)s") % {"number": number}
        if day is None:
            errors.append(
                _("%(line)s: “%(value)s” is not a date (write 2026-11-26 or 11/26/2026).")
                % {"line": line, "value": first[:40]}
            )
            continue
        name = ", ".join(cell for cell in cells[1:] if cell)
        if not name:
            errors.append(_("%(line)s: say what %(day)s is after a comma (date,name).") % {"line": line, "day": day})
            continue
        if len(name) > NAME_MAX:
            errors.append(_("%(line)s: the name is longer than %(max)s characters.") % {"line": line, "max": NAME_MAX})
            continue
        if day in seen:
            errors.append(
                _("%(line)s: %(day)s is already on line %(other)s.") % {"line": line, "day": day, "other": seen[day]}
            )
            continue
        seen[day] = number
        days.append(Day(day, name, line))
    if errors:
        raise ValidationError(_too_many(errors))
    if not days:
        raise ValidationError(_("The file holds no days: put one day a line, as date,name."))
    return days


def ics_days(data: bytes) -> tuple[list[Day], list[str]]:
    """The school days of an ICS calendar (a district's or a Google calendar's export): every all-day event, one
    day for each day it spans (DTEND is the day after, RFC 5545). Events with a time of day, cancelled events and
    repeating events are not breaks of school days: they are skipped and named in the second list. A file that is
    not a calendar is refused with a message (``ValidationError``)."""
    import icalendar  # the RFC 5545 reader; imported here as only imports need it

    if len(data) > FILE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 1 MB: a calendar of non-school days is much smaller."))
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise ValidationError(_("This is not a calendar file (.ics): it does not start with BEGIN:VCALENDAR."))
    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError... on a broken file
        raise ValidationError(
            _("The calendar file could not be read (%(kind)s): export it again from the calendar.")
            % {"kind": type(error).__name__}
        ) from None
    days: list[Day] = []
    skipped: list[str] = []
    for event in events:
        name = " ".join(str(event.get("SUMMARY", "")).split())[:NAME_MAX] or _("No school")
        label = _("“%(name)s”") % {"name": name}
        try:
            start = event.decoded("DTSTART")
            end = event.decoded("DTEND") if "DTEND" in event else None
        except Exception:  # a DTSTART or DTEND that is not a date
            skipped.append(_("%(event)s: its date could not be read.") % {"event": label})
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            skipped.append(_("%(event)s: cancelled in the calendar.") % {"event": label})
            continue
        if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
            skipped.append(_("%(event)s: not an all-day event.") % {"event": label})
            continue
        if "RRULE" in event:
            skipped.append(_("%(event)s: a repeating event; add its days by hand.") % {"event": label})
            continue
        if isinstance(end, datetime.datetime):
            end = end.date()
        if "DURATION" in event and end is None:
            try:
                end = start + event.decoded("DURATION")
            except Exception:
                end = None
        # DTEND of an all-day event is the day after its last day; without one it lasts one day.
        last = (end - datetime.timedelta(days=1)) if end and end > start else start
        if (last - start).days + 1 > EVENT_MAX_DAYS:
            skipped.append(_("%(event)s: longer than a month, not a break of school days.") % {"event": label})
            continue
        day = start
        while day <= last:
            if not _weekend(day):
                days.append(Day(day, name, label))
            day += datetime.timedelta(days=1)
    if not days and not skipped:
        raise ValidationError(_("The calendar holds no events."))
    return days, skipped


def non_school_days_import(*, school, data: bytes, kind: str) -> Report:
    """Import a CSV (``kind`` "csv") or ICS (``kind`` "ics") file of non-school days into ``school``'s calendar.
    A file with bad lines raises ``ValidationError`` (one message per line) and saves nothing."""
    if kind == "ics":
        days, skipped = ics_days(data)
    else:
        days, skipped = csv_days(data), []
    # Two events on one day (a district's "Winter break" and "Christmas Day"): the first one names it.
    unique: dict[datetime.date, Day] = {}
    for day in days:
        unique.setdefault(day.date, day)
    report = _save(school=school, days=sorted(unique.values(), key=lambda d: d.date))
    report.skipped = skipped + report.skipped
    return report
