"""Uploads are limited to 10 MB in all; the form says so, and a larger upload stores nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from schools.models import Student
from schools.rostering.files import MAX_UPLOAD_BYTES
from schools.rostering.models import RosterImport

from .testdata import EDFI, HEADER, real_files


def big_csv(size: int, name: str = "roster.csv") -> SimpleUploadedFile:
    head = (HEADER + "\n").encode()
    return SimpleUploadedFile(name, head + b"x" * (size - len(head)))


def test_a_file_over_10_mb_is_refused(world, upload):
    response = upload([big_csv(MAX_UPLOAD_BYTES + 1)], source="template")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file “roster.csv” is 10.1 MB; the limit is 10 MB." in html
    assert not RosterImport.objects.exists()
    assert Student.objects.count() == 2


def test_files_over_10_mb_together_are_refused(world, upload):
    files = real_files(EDFI)
    files.append(big_csv(MAX_UPLOAD_BYTES - 100, name="courses.csv"))
    response = upload(files)
    assert "together; the limit is 10 MB." in response.content.decode()
    assert not RosterImport.objects.exists()


def test_the_upload_page_explains_the_limit(client_for, world):
    from django.urls import reverse

    html = client_for("coordinator").get(reverse("rostering:upload")).content.decode()
    assert "Up to 10 MB in all" in html
