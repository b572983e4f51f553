"""The brochure and the poster, printed for real by WeasyPrint: the program's words, the paper, one page for the
poster, and a QR code that decodes to the application form's address."""

import io

import pytest

from recruitment.materials import services
from recruitment.models import RecruitmentMaterial

pytestmark = pytest.mark.usefixtures("weasyprint_ready", "media_root")

PAGE_SIZES = {"letter": (612, 792), "a4": (595, 842)}


def decode_qr_codes(pdf_bytes: bytes) -> list[str]:
    """Rasterise every page and read the QR codes on it, as a phone would from the printed sheet."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        texts = []
        for page in document:
            image = page.render(scale=3).to_pil()
            codes = zxingcpp.read_barcodes(image)
            texts += [code.text for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
            page.close()
        return texts
    finally:
        document.close()


@pytest.mark.parametrize("kind", ["brochure", "poster"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_material_prints_the_program_and_a_qr_code_of_the_form(
    settings, campaign, kind, paper, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    settings.SITE_URL = "https://peers.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        services.material_request(campaign=campaign, kind=kind, paper=paper)

    material = RecruitmentMaterial.objects.get(campaign=campaign, kind=kind, paper=paper)
    assert material.status == RecruitmentMaterial.Status.READY
    data = material.file.read()
    material.file.close()
    reader = PdfReader(io.BytesIO(data))
    # Whitespace collapsed: a sentence may wrap onto the next line.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Peer Connections" in text
    assert "Make our school a place where everyone belongs" in text
    assert "Eat lunch together" in text
    assert "One lunch a week" in text
    assert f"peers.example.org/join/{campaign.pk}/apply/" in text
    if kind == "poster":
        assert len(reader.pages) == 1
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == PAGE_SIZES[paper]
    assert decode_qr_codes(data) == [f"https://peers.example.org/join/{campaign.pk}/apply/"]


def test_poster_stays_on_one_page_with_long_texts(campaign, django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    campaign.what_peers_do = "Play board games and talk about the week. " * 80
    campaign.how_to_join = "Ask your homeroom teacher for a form. " * 40
    campaign.save()
    campaign.program.purpose_notes = "Everyone belongs. " * 100
    campaign.program.save()

    with django_capture_on_commit_callbacks(execute=True):
        material = services.material_request(campaign=campaign, kind="poster", paper="letter")

    material.refresh_from_db()
    with material.file.open("rb") as handle:
        data = handle.read()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert decode_qr_codes(data) == [f"http://127.0.0.1:8000/join/{campaign.pk}/apply/"]
