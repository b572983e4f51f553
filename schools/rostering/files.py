"""Uploaded bytes → checked files: size limits, zips (including zip bombs), UTF-8 text and CSV lines.

Upload checks (``check_*``) raise ``UploadProblem`` with a sentence for the upload form. Content checks write into
the import's ``Report`` with the file and line, so the preview can show every problem at once.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
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


def decode(data: bytes, *, file: str, report: Report) -> str | None:
    """UTF-8 (with or without a byte-order mark); anything else is reported with the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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


def read_csv(data: bytes, *, file: str, report: Report) -> Table | None:
    text = decode(data, file=file, report=report)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    lines: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                lines.append((start, values))
            start = reader.line_num + 1
    except csv.Error as error:
        report.error(Source(file, reader.line_num or 1),
                     _("This line cannot be read as CSV (%(problem)s).") % {"problem": error})
        return None
    if not lines:
        report.error(Source(file, 1), _("The file is empty: there is not even a header line."))
        return None
    header = [name.strip() for name in lines[0][1]]
    if len(header) == 1 and ";" in header[0]:
        report.error(
            Source(file, 1),
            _("The columns are separated by semicolons. Save the file as “CSV UTF-8 (Comma delimited)” so that "
              "commas separate them."),
        )
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
