"""Every file a person may open in a spreadsheet program (CSV and Excel) is written through this module.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR is a formula to Excel, LibreOffice and Google
Sheets: a student's name typed as ``=HYPERLINK("http://evil","x")`` would turn into a link (or worse) on the
coordinator's machine. In a CSV file such a cell is written with a leading apostrophe (the OWASP advice), which the
spreadsheet takes as text, and which :func:`read_cell` takes off again so an export imports back unchanged. In an
Excel workbook the cell is typed as text and carries Excel's own quote prefix instead (:func:`set_xlsx_cell`).

Real numbers (``int``, ``float``, ``Decimal``, not ``bool``) are left as they are: ``-1`` as a number is not a
formula, and a numeric column stays numeric. Text that only looks like a number (``"-1"``) is escaped like any text,
because nothing tells it apart from ``-1+cmd|…``.

``tests/test_spreadsheet_exports.py`` fails when a module writes CSV or Excel without going through here.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` made safe for a spreadsheet cell: numbers, dates, booleans and ``None`` as they are, anything else
    as text, escaped when it starts like a formula (lazy translations and other objects become text first)."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | datetime.time):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def read_cell(value: str) -> str:
    """A cell read back from a file this project wrote: the apostrophe :func:`safe_cell` added is taken off."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_START:
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell (the header's too) goes through :func:`safe_cell`."""

    def __init__(self, stream, fieldnames, restval="", extrasaction="raise", dialect="excel", **options):
        super().__init__(stream, fieldnames, restval, extrasaction, dialect, **options)
        self.writer = SafeWriter(stream, dialect=dialect, **options)


def csv_text(header, rows, **options) -> str:
    """A whole CSV file as text: ``header`` then ``rows`` (lists of cells), every cell safe."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, **options)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def set_xlsx_cell(cell, value) -> None:
    """Write ``value`` into an openpyxl cell. Numbers and dates as they are. Text is typed as text (never a formula,
    ids keep their leading zeros) and, when it starts like a formula, marked with Excel's quote prefix: shown as
    typed (a phone number ``+1 555 0101`` without an apostrophe in front), and still text when the cell is edited."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | datetime.time):
        cell.value = value
        return
    text = str(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True
