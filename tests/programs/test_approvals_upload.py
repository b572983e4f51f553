"""District approvals with their documents: PDF, DOCX, PNG or JPEG only (by content), at most 10 MB, and served only
through the permission-checking download."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.models import DistrictApproval
from tests.programs.factories import PDF_BYTES, DistrictApprovalFactory, ProgramFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes(*, word=True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if word else "xl/workbook.xml", "<document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def add(client, program, document=None, **data):
    fields = {"name": "Program plan", "status": "submitted", "due_on": "", "decided_on": "", "notes": ""}
    fields.update(data)
    if document is not None:
        fields["document"] = document
    return client.post(reverse("programs:approval_add", kwargs={"pk": program.pk}), fields)


@pytest.mark.parametrize(
    "name,content,extension",
    [
        ("Program plan (signed).pdf", PDF_BYTES, ".pdf"),
        ("Course proposal.docx", docx_bytes(), ".docx"),
        ("scan.PNG", PNG_BYTES, ".png"),
        ("photo.jpeg", JPEG_BYTES, ".jpg"),
        ("photo.jpg", JPEG_BYTES, ".jpg"),
    ],
)
def test_accepted_documents_are_stored_under_a_random_name(client_for, east, media_root, name, content, extension):
    response = add(client_for("coordinator"), east.program, upload(name, content))

    assert response.status_code == 302
    approval = DistrictApproval.objects.get(program=east.program, name="Program plan", status="submitted")
    stored = Path(approval.document.name)
    assert stored.parent == Path(f"programs/{east.program.pk}/approvals")
    assert stored.suffix == extension
    assert Path(name).stem not in stored.name  # never the uploader's file name (it may carry a student's name)
    assert (Path(media_root) / stored).read_bytes() == content


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("plan.exe", b"MZ\x90\x00" + b"\x00" * 20, "Upload a PDF, a Word document (.docx), or a PNG or JPEG image."),
        ("plan.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 20, "Upload a PDF, a Word document (.docx)"),
        ("plan", PDF_BYTES, "Upload a PDF, a Word document (.docx)"),
        ("plan.pdf", b"MZ\x90\x00" + b"\x00" * 20, "named like a PDF file but its contents are not"),
        ("plan.pdf", PNG_BYTES, "named like a PDF file but its contents are not"),
        ("notes.png", b"just some text", "named like a PNG file but its contents are not"),
        ("budget.docx", docx_bytes(word=False), "named like a Word file but its contents are not"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "named like a Word file but its contents are not"),
        ("empty.pdf", b"", "The submitted file is empty."),
        ("huge.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "the limit is 10.0"),
    ],
)
def test_other_files_are_refused_with_a_message_and_nothing_is_saved(
    client_for, east, media_root, name, content, message
):
    before = DistrictApproval.objects.count()
    response = add(client_for("coordinator"), east.program, upload(name, content))

    assert response.status_code == 200
    errors = response.context["form"].errors["document"]
    assert any(message in error for error in errors), errors
    assert DistrictApproval.objects.count() == before
    assert not (Path(media_root) / f"programs/{east.program.pk}/approvals").exists()


def test_a_document_that_is_just_over_the_limit_is_refused(client_for, east):
    content = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 8)
    response = add(client_for("coordinator"), east.program, upload("plan.pdf", content))
    assert "the limit is 10.0" in str(response.context["form"].errors["document"])


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"status": "rubber-stamped"}, "status", "Choose a status from the list."),
        ({"due_on": "31/31/2025"}, "due_on", "Enter a date such as"),
        ({"decided_on": "2999-01-01"}, "decided_on", "cannot have decided in the future"),
        ({"notes": "x" * 4001}, "notes", "at most 4000 characters"),
    ],
)
def test_bad_approval_fields_are_refused(client_for, east, data, field, message):
    before = DistrictApproval.objects.count()
    response = add(client_for("coordinator"), east.program, **data)
    assert any(message in error for error in response.context["form"].errors[field])
    assert DistrictApproval.objects.count() == before


def download_url(approval):
    return reverse("programs:approval_document", kwargs={"pk": approval.program_id, "approval_pk": approval.pk})


def test_the_download_is_an_uncached_attachment(client_for, east):
    add(client_for("coordinator"), east.program, upload("Noah's plan.pdf", PDF_BYTES), name="Program plan 2025")
    approval = DistrictApproval.objects.get(name="Program plan 2025")

    response = client_for("staff").get(download_url(approval))

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="program-plan-2025.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role,status", [("peer", 403), ("focus_student", 403), ("other_coordinator", 404)])
def test_the_download_is_refused_to_students_and_other_schools(client_for, east, role, status):
    assert client_for(role).get(download_url(east.approval)).status_code == status


def test_the_download_url_checks_the_program_too(client_for, world, east):
    other_program = ProgramFactory(school=world.school, name="Lunch Bunch")
    url = reverse("programs:approval_document", kwargs={"pk": other_program.pk, "approval_pk": east.approval.pk})
    assert client_for("coordinator").get(url).status_code == 404


def test_an_approval_without_a_document_has_nothing_to_download(client_for, east):
    approval = DistrictApprovalFactory(program=east.program)
    assert client_for("coordinator").get(download_url(approval)).status_code == 404


def test_a_new_document_replaces_the_old_file(client_for, east, media_root, django_capture_on_commit_callbacks):
    client = client_for("coordinator")
    add(client, east.program, upload("plan.pdf", PDF_BYTES), name="Course approval")
    approval = DistrictApproval.objects.get(name="Course approval")
    old = Path(media_root) / approval.document.name

    url = reverse("programs:approval_edit", kwargs={"pk": east.program.pk, "approval_pk": approval.pk})
    data = {"name": "Course approval", "status": "approved", "decided_on": "", "due_on": "", "notes": "",
            "document": upload("plan.png", PNG_BYTES)}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    approval.refresh_from_db()
    assert approval.document.name.endswith(".png")
    assert (Path(media_root) / approval.document.name).read_bytes() == PNG_BYTES
    assert not old.exists()


def test_removing_the_document(client_for, east, media_root, django_capture_on_commit_callbacks):
    client = client_for("coordinator")
    add(client, east.program, upload("plan.pdf", PDF_BYTES), name="Course approval")
    approval = DistrictApproval.objects.get(name="Course approval")
    stored = Path(media_root) / approval.document.name
    url = reverse("programs:approval_edit", kwargs={"pk": east.program.pk, "approval_pk": approval.pk})
    data = {"name": "Course approval", "status": "needed", "decided_on": "", "due_on": "", "notes": "",
            "remove_document": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    approval.refresh_from_db()
    assert not approval.document
    assert not stored.exists()


def test_a_bad_replacement_keeps_the_old_document(client_for, east, media_root):
    client = client_for("coordinator")
    add(client, east.program, upload("plan.pdf", PDF_BYTES), name="Course approval")
    approval = DistrictApproval.objects.get(name="Course approval")
    url = reverse("programs:approval_edit", kwargs={"pk": east.program.pk, "approval_pk": approval.pk})
    data = {"name": "Renamed", "status": "approved", "decided_on": "", "due_on": "", "notes": "",
            "document": upload("plan.pdf", b"MZ not a pdf")}
    assert client.post(url, data).status_code == 200
    fresh = DistrictApproval.objects.get(pk=approval.pk)
    assert fresh.name == "Course approval" and fresh.document.name == approval.document.name
    assert (Path(media_root) / fresh.document.name).read_bytes() == PDF_BYTES


def test_the_edit_form_never_links_to_the_stored_file(client_for, east):
    client = client_for("coordinator")
    add(client, east.program, upload("plan.pdf", PDF_BYTES), name="Course approval")
    approval = DistrictApproval.objects.get(name="Course approval")
    url = reverse("programs:approval_edit", kwargs={"pk": east.program.pk, "approval_pk": approval.pk})
    html = client.get(url).content.decode()
    assert approval.document.name not in html
    assert "/media/" not in html
    assert "Remove the current document" in html
    assert 'accept=".docx,.jpeg,.jpg,.pdf,.png"' in html


def test_a_general_educator_cannot_upload(client_for, east):
    response = add(client_for("staff"), east.program, upload("plan.pdf", PDF_BYTES), name="Sneaky")
    assert response.status_code == 403
    assert not DistrictApproval.objects.filter(name="Sneaky").exists()
