"""Uploaded bytes → checked files: size limits, zips (including zip bombs), UTF-8 text and CSV lines.

Upload checks (``check_*``) raise ``UploadProblem`` with a sentence for the upload form. Content checks write into
the import's ``Report`` with the file and line, so the preview can show every problem at once.
"""

from __future__ import annotations

import csv
import io
import itertools
import posixpath
import zipfile
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .records import Report, Source

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
LIMIT_TEXT = "10 MB"
# A zip of CSV files compresses about tenfold; far more than that is a zip bomb, not a roster.
MAX_UNZIPPED_BYTES = 20 * MAX_UPLOAD_BYTES
MAX_ZIP_MEMBERS = 100


class UploadProblem(Exception):
    """Raised with a sentence for the person uploading."""


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes


def size_text(size: int) -> str:
    """Megabytes with one decimal, rounded up: a file just over the limit never reads as the limit itself."""
    tenths = -(-size * 10 // (1024 * 1024))
    return _("%(size)s MB") % {"size": f"{tenths // 10}.{tenths % 10}"}


def check_size(name: str, size: int) -> None:
    if size == 0:
        raise UploadProblem(_("“%(name)s” is empty. Choose the file again, or export it again from your system.")
                            % {"name": name})
    if size > MAX_UPLOAD_BYTES:
        raise UploadProblem(
            _(
                "The file “%(name)s” is %(size)s; the limit is %(limit)s. Export only this school from your "
                "student information system, or split the roster into smaller files."
            )
            % {"name": name, "size": size_text(size), "limit": LIMIT_TEXT}
        )


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """A real, undamaged, unencrypted zip of reasonable size, or an ``UploadProblem``."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UploadProblem(
            _("“%(name)s” is not a zip archive, although its name ends in .zip. Upload the zip your system "
              "exported, or the CSV files themselves.") % {"name": name}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise UploadProblem(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadProblem(_("“%(name)s” holds %(count)s files; a roster zip holds a dozen at most.")
                            % {"name": name, "count": len(members)})
    if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
        raise UploadProblem(
            _("“%(name)s” unpacks to more than %(limit)s, far more than a roster. It cannot be imported.")
            % {"name": name, "limit": filesizeformat(MAX_UNZIPPED_BYTES)}
        )
    if any(info.flag_bits & 0x1 for info in members):
        raise UploadProblem(_("“%(name)s” is protected with a password. Export it again without one.")
                            % {"name": name})
    return archive


def zip_csv_members(name: str, data: bytes) -> dict[str, bytes]:
    """The CSV files of a zip, by lower-case file name (folders inside the zip are ignored)."""
    archive = open_zip(name, data)
    found: dict[str, bytes] = {}
    for info in archive.infolist():
        base = posixpath.basename(info.filename)
        if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("."):
            continue
        key = base.lower()
        if key in found:
            raise UploadProblem(_("“%(name)s” holds two files called %(file)s. Keep one and zip again.")
                                % {"name": name, "file": base})
        try:
            found[key] = archive.read(info)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise UploadProblem(_("“%(file)s” inside “%(name)s” is damaged and cannot be read.")
                                % {"file": base, "name": name}) from None
    return found


def bundle(files: list[UploadedFile]) -> bytes:
    """Separate OneRoster CSV files → one zip, so an import is always one stored file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for uploaded in files:
            archive.writestr(posixpath.basename(uploaded.name), uploaded.data)
    return buffer.getvalue()


# --- Text and CSV ------------------------------------------------------------------------------------------------


# What a file that is not text really is, by its first bytes ("magic numbers"): saying "not UTF-8" of a photo sends
# people looking for an encoding setting that does not exist.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("a PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"GIF87a", gettext_lazy("a GIF image")),
    (b"GIF89a", gettext_lazy("a GIF image")),
    (b"%PDF-", gettext_lazy("a PDF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_lazy("an old Excel workbook (.xls) or another Office document")),
    (b"{\\rtf", gettext_lazy("a Word document (RTF)")),
    (b"\x1f\x8b", gettext_lazy("a gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("a 7-Zip archive")),
    (b"Rar!\x1a\x07", gettext_lazy("a RAR archive")),
)


# Where the names of a zip's first members are written in plain text (each member's local header), enough to tell an
# Office file from a plain zip without unpacking anything.
SNIFF_BYTES = 64 * 1024
_ZIP_KINDS = (
    (b"xl/", gettext_lazy("an Excel workbook (.xlsx)")),
    (b"word/", gettext_lazy("a Word document (.docx)")),
    (b"ppt/", gettext_lazy("a PowerPoint presentation (.pptx)")),
    (b"application/vnd.oasis.opendocument", gettext_lazy("an OpenDocument file (.ods or .odt)")),
)


def sniff(prefix: bytes) -> str | None:
    """What a file is when its first bytes (``SNIFF_BYTES`` are enough) name a binary format; None for text."""
    if prefix.startswith(b"PK\x03\x04"):
        return next((str(what) for marker, what in _ZIP_KINDS if marker in prefix), _("a zip archive"))
    for magic, what in _MAGIC:
        if prefix.startswith(magic):
            return str(what)
    return None


def decode(data: bytes, *, file: str, report: Report) -> str | None:
    """UTF-8 (with or without a byte-order mark); anything else is reported with the line of the first bad byte."""
    what = sniff(data[:SNIFF_BYTES])
    if what is not None:
        report.error(
            Source(file),
            _("This file is %(what)s, not a CSV file, although its name ends in .csv. Open the roster in your "
              "spreadsheet program or student information system and save or export it as “CSV UTF-8 (Comma "
              "delimited)”.") % {"what": what},
        )
        return None
    # UTF-16 without a byte-order mark: every other byte of plain text is a NUL.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") * 4 > min(len(data), 200):
        report.error(
            Source(file, 1),
            _("This file is saved as UTF-16 (Excel calls it “Unicode text”). Save it as “CSV UTF-8 (Comma "
              "delimited)” and upload it again."),
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.error(
            Source(file, data.count(b"\n", 0, error.start) + 1),
            _("This line has a character that is not UTF-8 text, so the file was saved in another encoding. "
              "Save it as “CSV UTF-8 (Comma delimited)” in Excel (other programs: “Unicode (UTF-8)”) and upload "
              "it again."),
        )
        return None


@dataclass
class Table:
    """A CSV file as its header and its non-blank rows, each with the line it starts on."""

    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


# Read after a file's last line: at the end of a well-formed file it is a row of its own; inside a value, a quote
# opened earlier was never closed. Non-characters, so no real file holds it.
_END = "\ufdd0end of file\ufdd1"


def _separator_problem(header: list[str]) -> str | None:
    """A header split on commas that was written with semicolons or tabs (it may still hold a comma or two)."""
    commas = len(header) - 1
    if sum(name.count("\t") for name in header) > commas:
        return _("The columns are separated by tabs (a “Text (Tab delimited)” file), not by commas. Save the file "
                 "as “CSV UTF-8 (Comma delimited)” and upload it again.")
    if sum(name.count(";") for name in header) > commas:
        return _("The columns are separated by semicolons, not by commas. Save the file as “CSV UTF-8 (Comma "
                 "delimited)” so that commas separate them.")
    return None


def _unclosed_quote(file: str, start: int, values: list[str], header: list[str] | None) -> tuple[Source, str]:
    """Where the value that swallowed the rest of the file opened its quote: its line and column."""
    index = len(values) - 1
    line = start + sum(value.count("\n") for value in values[:index])
    column = header[index] if header and index < len(header) else ""
    return Source(file, line, column), _(
        "A quote (\") opens on line %(line)s and is never closed, so everything after it would be read as one "
        "value. Close the quote, or remove it, and upload the file again."
    ) % {"line": line}


def _check_nul(file: str, line: int, values: list[str], header: list[str] | None, report: Report) -> list[str]:
    """A NUL character is an error at its cell (PostgreSQL cannot store one), and is taken out of what is kept."""
    if not any("\x00" in value for value in values):
        return values
    for index, value in enumerate(values):
        if "\x00" in value:
            column = header[index] if header and index < len(header) else ""
            cell_line = line + sum(earlier.count("\n") for earlier in values[:index])
            report.error(
                Source(file, cell_line, column),
                _("This value holds an invisible NUL character (character %(position)s), often left by a damaged "
                  "export. Delete the value and type it again, or export the file again.")
                % {"position": value.index("\x00") + 1},
            )
    return [value.replace("\x00", "") for value in values]


def read_csv(data: bytes, *, file: str, report: Report) -> Table | None:
    text = decode(data, file=file, report=report)
    if text is None:
        return None
    # The newline ends a last line that has none; the marker after it is a row of its own, or inside an open quote.
    reader = csv.reader(itertools.chain(io.StringIO(text, newline=""), ["\n", _END]))
    lines: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    start = 1
    try:
        for values in reader:
            if values == [_END]:
                break
            if any(_END in value for value in values):
                report.error(*_unclosed_quote(file, start, values, header))
                return None
            if any(value.strip() for value in values):
                values = _check_nul(file, start, values, header, report)
                if header is None:
                    header = [name.strip() for name in values]
                lines.append((start, values))
            start = reader.line_num + 1
    except csv.Error as error:
        opening = text.split("\n", start)[start - 1] if text.count("\n") >= start - 1 else ""
        if "field larger than field limit" in str(error) and '"' in opening:
            # An open quote swallowed more than any real value holds (csv.field_size_limit) before the file ended.
            report.error(*_unclosed_quote(file, start, next(csv.reader([opening])), header))
        else:
            report.error(Source(file, reader.line_num or 1),
                         _("This line cannot be read as CSV (%(problem)s).") % {"problem": error})
        return None
    if not lines:
        report.error(Source(file, 1), _("The file is empty: there is not even a header line."))
        return None
    header = [name.strip() for name in lines[0][1]]
    problem = _separator_problem(header)
    if problem:
        report.error(Source(file, 1), problem)
        return None
    rows = []
    for line, values in lines[1:]:
        if len(values) > len(header):
            extra = values[len(header):]
            if any(value.strip() for value in extra):
                report.error(
                    Source(file, line),
                    _("This line has %(count)s values but the header names %(columns)s columns. A value with a "
                      "comma in it needs quotes around it.") % {"count": len(values), "columns": len(header)},
                )
                continue
            values = values[: len(header)]
        # Short lines are padded: some systems leave out trailing empty values.
        rows.append((line, values + [""] * (len(header) - len(values))))
    return Table(file=file, header=header, rows=rows)
