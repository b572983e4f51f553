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


def check_size(name: str, size: int) -> None:
    if size == 0:
        raise UploadProblem(_("“%(name)s” is empty. Choose the file again, or export it again from your system.")
                            % {"name": name})
    if size > MAX_UPLOAD_BYTES:
        raise UploadProblem(
            _(
                "“%(name)s” is %(size)s: larger than the %(limit)s an upload may be, so that it can be checked "
                "quickly and safely. Export only this school from your student information system, or split the "
                "roster into smaller files."
            )
            % {"name": name, "size": filesizeformat(size), "limit": LIMIT_TEXT}
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


def _open_text(source: bytes | Member, *, file: str, report: Report) -> BinaryIO | None:
    """The file's bytes as a stream (decoded by ``_Lines``), or None when it is UTF-16 (reported)."""
    stream = source.open() if isinstance(source, Member) else io.BytesIO(source)
    if stream.read(2) in (b"\xff\xfe", b"\xfe\xff"):
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
                        self.row_start, self.between_rows = self.line, False
                    yield piece
            if not raw:
                return

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
        while first is not None and not any(value.strip() for value in first):
            first = lines.next_row()
    except _TextProblem:
        return None
    except csv.Error as error:
        _not_csv(file, lines.line, error, report)
        return None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        _damaged(file, report)
        return None
    if first is None:
        report.error(Source(file, 1), _("The file is empty: there is not even a header line."))
        return None
    header = [name.strip() for name in first]
    if len(header) == 1 and ";" in header[0]:
        report.error(
            Source(file, 1),
            _("The columns are separated by semicolons. Save the file as “CSV UTF-8 (Comma delimited)” so that "
              "commas separate them."),
        )
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
        while (values := lines.next_row()) is not None:
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
            _not_csv(file, lines.line, error, report)
            return
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
            _damaged(file, report)
            return
        if values is None:
            return
        if not any(value.strip() for value in values):
            continue  # quoted blanks, or spaces other than the ASCII ones skipped before
        line = lines.row_start
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


def _not_csv(file: str, line: int, error: csv.Error, report: Report) -> None:
    report.error(Source(file, line or 1), _("This line cannot be read as CSV (%(problem)s).") % {"problem": error})


def _damaged(file: str, report: Report) -> None:
    report.error(Source(file), _("“%(file)s” is damaged and cannot be read. Export it again.") % {"file": file})
