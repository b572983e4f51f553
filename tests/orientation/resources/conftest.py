import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.programs.factories import PDF_BYTES


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf(name="Handout.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content)


EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 60
OVERSIZE_PDF = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
