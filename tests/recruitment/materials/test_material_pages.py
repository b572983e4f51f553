"""The materials page, its progress answer, preparing, downloading and the print preview."""

import pytest
from django.urls import reverse

from recruitment.models import RecruitmentMaterial
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory
from tests.schools.factories import TermFactory

Status = RecruitmentMaterial.Status

pytestmark = pytest.mark.usefixtures("media_root")


def url(name, campaign, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"pk": campaign.pk, **kwargs})


@pytest.mark.usefixtures("weasyprint_ready")
def test_coordinator_prepares_and_downloads_a_poster(client_for, campaign, django_capture_on_commit_callbacks):
    client = client_for("coordinator")
    page = client.get(url("material_list", campaign))
    assert page.status_code == 200
    assert "Not prepared yet." in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("material_render", campaign, kind="poster", paper="letter"))
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Download PDF" in html
    assert "data-import-progress" not in html  # nothing is running any more: no polling

    download = client.get(url("material_download", campaign, kind="poster", paper="letter"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="peer-connections-poster-letter.pdf"'
    assert download.content.startswith(b"%PDF")


def test_a_material_being_prepared_shows_progress_and_polls(client_for, campaign, django_capture_on_commit_callbacks):
    client = client_for("coordinator")
    # Queued, the task not run yet (a worker would take it).
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url("material_render", campaign, kind="brochure", paper="a4"))

    page = client.get(url("material_list", campaign)).content.decode()
    assert "data-import-progress" in page
    assert "js/import-progress.js" in page
    assert "<script>" not in page  # no inline script (CSP)
    assert 'data-progress-refresh' in page  # the no-JavaScript way

    progress = client.get(url("material_progress", campaign))
    assert "no-store" in progress["Cache-Control"]
    data = progress.json()
    assert data["running"] is True
    assert {"kind": "brochure", "paper": "a4", "status": "rendering"} in data["materials"]
    assert data["detail_url"] == url("material_list", campaign)

    # Not ready: nothing to download yet.
    assert client.get(url("material_download", campaign, kind="brochure", paper="a4")).status_code == 404


def test_a_failed_render_says_so_and_can_be_tried_again(
    client_for, campaign, settings, tmp_path, django_capture_on_commit_callbacks, weasyprint_ready
):
    # The media folder is a file: storing the PDF fails, as on a full or read-only disk.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("material_render", campaign, kind="poster", paper="a4"))
    assert "could not be prepared" in client.get(response.url).content.decode()
    assert RecruitmentMaterial.objects.get(campaign=campaign).status == Status.FAILED

    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("material_render", campaign, kind="poster", paper="a4"))
    assert RecruitmentMaterial.objects.get(campaign=campaign).status == Status.READY


@pytest.mark.parametrize("kind", ["brochure", "poster"])
def test_print_preview_shows_the_program_words_accessibly(client_for, campaign, kind):
    response = client_for("staff").get(url("material_preview", campaign, kind=kind, paper="letter"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Peer Connections</h1>" in html
    assert "Make our school a place where everyone belongs" in html
    assert 'src="data:image/svg+xml' in html
    assert f"QR code: scan it to open the application form at 127.0.0.1:8000/join/{campaign.pk}/apply/" in html
    assert "recruitment-materials-preview.css" in html
    assert "<script" not in html


def test_preview_escapes_the_program_words(client_for, campaign):
    campaign.what_peers_do = "<script>alert(1)</script>"
    campaign.save()
    html = client_for("staff").get(url("material_preview", campaign, kind="poster", paper="a4")).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("kind,paper", [("flyer", "letter"), ("poster", "a3")])
def test_unknown_kind_or_paper_is_not_found(client_for, campaign, kind, paper):
    client = client_for("coordinator")
    assert client.get(url("material_preview", campaign, kind=kind, paper=paper)).status_code == 404
    assert client.post(url("material_render", campaign, kind=kind, paper=paper)).status_code == 404


def test_a_general_educator_reads_but_cannot_prepare(client_for, campaign):
    client = client_for("staff")
    page = client.get(url("material_list", campaign)).content.decode()
    assert "Prepare PDF" not in page
    assert client.post(url("material_render", campaign, kind="poster", paper="a4")).status_code == 403
    assert not RecruitmentMaterial.objects.exists()


def test_another_schools_campaign_is_not_found(client_for, world):
    putnam_program = ProgramFactory(school=world.other_school, lowest_grade=6, highest_grade=8)
    putnam = CampaignFactory(program=putnam_program, term=TermFactory(school=world.other_school))
    client = client_for("coordinator")
    for name in ("material_list", "material_progress"):
        assert client.get(url(name, putnam)).status_code == 404
    assert client.get(url("material_preview", putnam, kind="poster", paper="a4")).status_code == 404
    assert client.post(url("material_render", putnam, kind="poster", paper="a4")).status_code == 404
    assert not RecruitmentMaterial.objects.exists()


def test_materials_page_queries_do_not_grow(client_for, campaign, django_assert_max_num_queries):
    client = client_for("staff")
    with django_assert_max_num_queries(12):
        client.get(url("material_list", campaign))
    for kind, paper in [("poster", "letter"), ("poster", "a4"), ("brochure", "letter"), ("brochure", "a4")]:
        RecruitmentMaterial.objects.create(campaign=campaign, kind=kind, paper=paper, status=Status.RENDERING)
    with django_assert_max_num_queries(12):
        client.get(url("material_list", campaign))
