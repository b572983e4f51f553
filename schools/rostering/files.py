"""Uploaded bytes → checked files: size limits, zips (including zip bombs), UTF-8 text and CSV lines.

Upload checks (``check_*``) raise ``UploadProblem`` with a sentence for the upload form. Content checks write into
the import's ``Report`` with the file and line, so the preview can show every problem at once.

Files are read as streams: a zip member is inflated a chunk at a time while its CSV is parsed, blank stretches are
skipped a chunk at a time, and a file stops being read at ``settings.ROSTER_MAX_ROWS`` rows. A zip that inflates
to the size limit (one row repeated, or blank lines) thus costs the worker a few megabytes and a fraction of a
second, not gigabytes and minutes (``tests/schools/rostering/test_large_files.py`` measures it).
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
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


@dataclass(frozen=True)
class Member:
    """A file inside an uploaded zip, inflated only while it is read (``open`` may be called again)."""

    archive: zipfile.ZipFile
    info: zipfile.ZipInfo

    def open(self) -> BinaryIO:
        return self.archive.open(self.info)


def zip_csv_members(name: str, data: bytes) -> dict[str, Member]:
    """The CSV files of a zip, by lower-case file name (folders inside the zip are ignored). Nothing is inflated
    here: a damaged member is reported when it is read."""
    archive = open_zip(name, data)
    found: dict[str, Member] = {}
    for info in archive.infolist():
        base = posixpath.basename(info.filename)
        if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("."):
            continue
        key = base.lower()
        if key in found:
            raise UploadProblem(_("“%(name)s” holds two files called %(file)s. Keep one and zip again.")
                                % {"name": name, "file": base})
        found[key] = Member(archive, info)
    return found


def bundle(files: list[UploadedFile]) -> bytes:
    """Separate OneRoster CSV files → one zip, so an import is always one stored file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for uploaded in files:
            archive.writestr(posixpath.basename(uploaded.name), uploaded.data)
    return buffer.getvalue()


# --- Text and CSV ------------------------------------------------------------------------------------------------


# A file's text is read this many characters at a time; a stretch with nothing but separators and line breaks is
# skipped whole, without splitting it into lines.
CHUNK_CHARS = 1024 * 1024
_BLANK = " \t\r\n,"
# Stops at the first other character, so a chunk with data costs nothing to test.
_BLANK_RUN = re.compile(r"[ \t\r\n,]*")
# No line of a roster is this long; a longer one is not read (it would have to be held whole).
MAX_LINE_CHARS = 2 * CHUNK_CHARS


class _TextProblem(Exception):
    """Stops reading a file; the problem is already in the report."""


def max_rows() -> int:
    return settings.ROSTER_MAX_ROWS


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


def _open_text(source: bytes | Member, *, file: str, report: Report) -> BinaryIO | None:
    """The file's bytes as a stream (decoded by ``_Lines``), or None when it is not UTF-8 text (reported)."""
    stream = source.open() if isinstance(source, Member) else io.BytesIO(source)
    prefix = stream.read(SNIFF_BYTES)
    what = sniff(prefix)
    if what is not None:
        stream.close()
        report.error(
            Source(file),
            _("This file is %(what)s, not a CSV file, although its name ends in .csv. Open the roster in your "
              "spreadsheet program or student information system and save or export it as “CSV UTF-8 (Comma "
              "delimited)”.") % {"what": what},
        )
        return None
    # UTF-16 without a byte-order mark: every other byte of plain text is a NUL.
    if prefix.startswith((b"\xff\xfe", b"\xfe\xff")) or prefix[:200].count(b"\x00") * 4 > min(len(prefix), 200):
        stream.close()
        report.error(
            Source(file, 1),
            _("This file is saved as UTF-16 (Excel calls it “Unicode text”). Save it as “CSV UTF-8 (Comma "
              "delimited)” and upload it again."),
        )
        return None
    stream.seek(0)
    return stream


class _Lines:
    """A file's lines for ``csv.reader``, decoded from UTF-8 (with or without a byte-order mark) as they are read.

    ``next_row`` asks the reader for a row; the lines it pulls then are the row's, so a blank line asked for between
    rows is skipped (a chunk at a time when the file has whole blank stretches), while one asked for inside a row is
    part of a quoted value and kept. ``line`` is the number of the last line handed out, ``row_start`` the line the
    current row began on.
    """

    def __init__(self, stream: BinaryIO, *, file: str, report: Report):
        self.stream, self.file, self.report = stream, file, report
        self.line, self.row_start, self.between_rows = 0, 1, True
        self.row_text = ""  # the first line of the current row (where an unclosed quote opened)
        self.reader = csv.reader(self._lines())

    def next_row(self) -> list[str] | None:
        self.between_rows = True
        return next(self.reader, None)

    def _lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        pending = ""
        while True:
            raw = self.stream.read(CHUNK_CHARS)
            try:
                text = pending + decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as error:
                _not_utf8(self.file, self.line + 1 + error.object.count(b"\n", 0, error.start), self.report)
                raise _TextProblem from None
            if not raw and not text:
                yield from self._end()
                return
            cut = len(text) if not raw else self._cut(text)
            if cut == 0:
                pending = text
                continue
            chunk, pending = text[:cut], text[cut:]
            if self.between_rows and _BLANK_RUN.match(chunk).end() == len(chunk):
                self.line += chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
            else:
                for piece in io.StringIO(chunk, newline=""):
                    self.line += 1
                    if self.between_rows:
                        if not piece.strip(_BLANK):
                            continue
                        self.row_start, self.row_text, self.between_rows = self.line, piece, False
                    yield piece
            if not raw:
                yield from self._end()
                return

    def _end(self) -> Iterator[str]:
        # The newline ends a last line that has none; the marker after it is a row of its own, or (when a quote was
        # never closed) part of the value that swallowed the rest of the file.
        self.between_rows = False
        yield "\n"
        yield _END

    def _cut(self, text: str) -> int:
        """Where the complete lines of ``text`` end (0: none yet); a CR at the very end may be half of a CRLF."""
        end = len(text) - 1 if text.endswith("\r") else len(text)
        cut = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
        if cut == 0 and len(text) > MAX_LINE_CHARS:
            self.report.error(
                Source(self.file, self.line + 1),
                _("This line is longer than %(limit)s characters, so the file is not a roster and was not read "
                  "further.") % {"limit": number_format(MAX_LINE_CHARS, force_grouping=True)},
            )
            raise _TextProblem
        return cut


def _not_utf8(file: str, line: int, report: Report) -> None:
    report.error(
        Source(file, line),
        _("This line has a character that is not UTF-8 text, so the file was saved in another encoding. "
          "Save it as “CSV UTF-8 (Comma delimited)” in Excel (other programs: “Unicode (UTF-8)”) and upload "
          "it again."),
    )


@dataclass
class Table:
    """A CSV file as its header and its non-blank rows, each with the line it starts on.

    ``rows`` is read from the file as it is iterated (once): problems found on the way (a line that is not CSV, too
    many values, too many rows) go into the report, and reading stops at the first that makes the rest unreliable.
    """

    file: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]


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


def read_csv(source: bytes | Member, *, file: str, report: Report) -> Table | None:
    """The header now (None when the file cannot be read, with the reason in the report); the rows as they are
    iterated."""
    try:
        stream = _open_text(source, file=file, report=report)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        _damaged(file, report)
        return None
    if stream is None:
        return None
    lines = _Lines(stream, file=file, report=report)
    try:
        first = lines.next_row()
        while first is not None and first != [_END] and not any(value.strip() for value in first):
            first = lines.next_row()
    except _TextProblem:
        return None
    except csv.Error as error:
        _csv_problem(lines, error, None, report)
        return None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        _damaged(file, report)
        return None
    if first is not None and any(_END in value for value in first):
        if first != [_END]:
            report.error(*_unclosed_quote(file, lines.row_start, first, None))
            return None
        first = None
    if first is None:
        report.error(Source(file, 1), _("The file is empty: there is not even a header line."))
        return None
    first = _check_nul(file, lines.row_start, first, None, report)
    header = [name.strip() for name in first]
    problem = _separator_problem(header)
    if problem:
        report.error(Source(file, 1), problem)
        return None
    over = _line_past_limit(source, file=file)
    if over is not None:
        report.error(
            Source(file, over),
            _("%(file)s has more than %(limit)s rows, more than a school's roster holds, so it was not read. "
              "Export only this school from your student information system.")
            % {"file": file, "limit": number_format(max_rows(), force_grouping=True)},
        )
        return None
    return Table(file=file, header=header, rows=_rows(lines, header, file=file, report=report))


def _line_past_limit(source: bytes | Member, *, file: str) -> int | None:
    """The line of the first row past ``ROSTER_MAX_ROWS``, or None. Counts in a first pass that keeps nothing, so
    a file of a million rows is refused before a single row is held in memory; problems are left to the reading
    pass, which reports them."""
    scratch = Report()
    stream = _open_text(source, file=file, report=scratch)
    if stream is None:
        return None
    lines, limit, count = _Lines(stream, file=file, report=scratch), max_rows(), -1  # -1: the header is no row
    try:
        while (values := lines.next_row()) is not None and values != [_END]:
            if any(value.strip() for value in values):
                count += 1
                if count > limit:
                    return lines.row_start
    except (_TextProblem, csv.Error, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        pass
    return None


def _rows(lines: _Lines, header: list[str], *, file: str, report: Report):
    while True:
        try:
            values = lines.next_row()
        except _TextProblem:
            return
        except csv.Error as error:
            _csv_problem(lines, error, header, report)
            return
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
            _damaged(file, report)
            return
        if values is None or values == [_END]:
            return
        line = lines.row_start
        if any(_END in value for value in values):
            report.error(*_unclosed_quote(file, line, values, header))
            return
        if not any(value.strip() for value in values):
            continue  # quoted blanks, or spaces other than the ASCII ones skipped before
        values = _check_nul(file, line, values, header, report)
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
        yield line, values + [""] * (len(header) - len(values))


def _csv_problem(lines: _Lines, error: csv.Error, header: list[str] | None, report: Report) -> None:
    if "field larger than field limit" in str(error) and '"' in lines.row_text:
        # An open quote swallowed more than any real value holds (csv.field_size_limit) before the file ended.
        report.error(*_unclosed_quote(lines.file, lines.row_start, next(csv.reader([lines.row_text])), header))
    else:
        _not_csv(lines.file, lines.line, error, report)


def _not_csv(file: str, line: int, error: csv.Error, report: Report) -> None:
    report.error(Source(file, line or 1), _("This line cannot be read as CSV (%(problem)s).") % {"problem": error})


def _damaged(file: str, report: Report) -> None:
    report.error(Source(file), _("“%(file)s” is damaged and cannot be read. Export it again.") % {"file": file})
