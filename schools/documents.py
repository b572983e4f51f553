"""Uploaded documents (district approval documents, the resource library, an orientation's materials): which files
we accept, recognised by their content, not by their name alone, and the one way they are handed back.

A program plan sent to the district or a handout for peers is a PDF or a Word file, sometimes a photo or scan of a
page. Anything else (an executable renamed to .pdf, an old .doc, a zip) is refused with a message that says what to
send instead. Stored files get a random name (the uploader's file name may carry a student's name) and are served
only by views that check the person's school and permission, always as a download.
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024  # 10 MB: a scanned, signed program plan fits; a video does not.


@dataclass(frozen=True)
class DocumentKind:
    label: str
    extension: str
    content_type: str


PDF = DocumentKind("PDF", ".pdf", "application/pdf")
DOCX = DocumentKind(
    "Word", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PNG = DocumentKind("PNG", ".png", "image/png")
JPEG = DocumentKind("JPEG", ".jpg", "image/jpeg")

BY_EXTENSION = {".pdf": PDF, ".docx": DOCX, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
ACCEPT = ",".join(sorted(BY_EXTENSION))

WRONG_TYPE = _("Upload a PDF, a Word document (.docx), or a PNG or JPEG image.")


def _sniff(file) -> DocumentKind | None:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        # A .docx is a zip holding a Word document part; other zips (or .xlsx, .pptx) are not.
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
    return None


def check_document(file) -> DocumentKind:
    """Return the document's kind, or raise ValidationError with a message a coordinator can act on."""
    if file.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s. Save it smaller (for example as a PDF) and try again."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_DOCUMENT_SIZE)},
        )
    if file.size == 0:
        raise ValidationError(_("This file is empty. Choose the document again."), code="empty")
    named = BY_EXTENSION.get(PurePath(file.name or "").suffix.lower())
    if named is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    found = _sniff(file)
    if found is None or found != named:
        raise ValidationError(
            _("This file is named like a %(kind)s file but its contents are not. %(advice)s"),
            code="content_mismatch",
            params={"kind": named.label, "advice": WRONG_TYPE},
        )
    return found


def kind_of_stored(name: str) -> DocumentKind | None:
    """The kind of a document already stored (its name was chosen by us from the checked kind)."""
    return BY_EXTENSION.get(PurePath(name).suffix.lower())


def stored_name(kind: DocumentKind) -> str:
    """A random file name for a checked document (never the uploader's, which may carry a student's name)."""
    return f"{uuid.uuid4().hex}{kind.extension}"


def save_with_document(instance, *, field: str, document=None, remove: bool = False, validate=None):
    """Save ``instance`` with ``document`` checked and stored in its file ``field`` under a random name (or the field
    emptied when ``remove``), calling ``validate()`` once the file is in place. Inside the caller's transaction: a
    new file is deleted again when the row is not saved, and the file it replaces only once the change commits (a
    rolled-back change keeps its file)."""
    field_file = getattr(instance, field)
    storage = field_file.storage
    previous = field_file.name if instance.pk else ""
    stored = ""
    try:
        if document is not None:
            kind = check_document(document)
            field_file.save(stored_name(kind), document, save=False)
            stored = field_file.name
        elif remove:
            setattr(instance, field, "")
        if validate is not None:
            validate()
        instance.save()
    except BaseException:
        # The row was not saved: the new file must not stay behind without a row pointing at it.
        if stored:
            storage.delete(stored)
        raise
    if previous and previous != getattr(instance, field).name:
        transaction.on_commit(lambda: storage.delete(previous))
    return instance


def delete_after_commit(field_file) -> None:
    """Delete a stored file once the deletion of its row commits (a rolled-back deletion keeps it)."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


def document_download(field_file, *, title: str) -> HttpResponse:
    """The stored document as an attachment named after ``title``; a missing or unknown file is a 404. Callers
    have checked the person's permission and school: this is the only way a stored document leaves the server."""
    kind = kind_of_stored(field_file.name) if field_file else None
    if kind is None:
        raise Http404
    try:
        # Read whole (at most 10 MB) and close at once: nothing stays open if the client goes away.
        with field_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=kind.content_type)
    filename = f"{slugify(title) or 'document'}{kind.extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
