"""A material is printed once and kept until what it prints changes; a render is claimed, so it runs once."""

import pytest

from recruitment.materials import services
from recruitment.materials.tasks import material_render_task
from recruitment.models import RecruitmentMaterial

pytestmark = pytest.mark.usefixtures("weasyprint_ready", "media_root")

Status = RecruitmentMaterial.Status


def request(campaign, capture, kind="poster", paper="a4"):
    with capture(execute=True):
        services.material_request(campaign=campaign, kind=kind, paper=paper)
    return RecruitmentMaterial.objects.get(campaign=campaign, kind=kind, paper=paper)


def test_unchanged_program_reuses_the_file(campaign, django_capture_on_commit_callbacks):
    first = request(campaign, django_capture_on_commit_callbacks)
    assert first.status == Status.READY

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.material_request(campaign=campaign, kind="poster", paper="a4")

    assert callbacks == []  # nothing queued: no render
    assert again.status == Status.READY
    assert (again.file.name, again.source_hash, again.rendered_at) == (
        first.file.name, first.source_hash, first.rendered_at
    )


def test_renaming_the_program_prints_again(campaign, django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    first = request(campaign, django_capture_on_commit_callbacks)
    campaign.program.name = "Lunch Bunch"
    campaign.program.save()

    second = request(campaign, django_capture_on_commit_callbacks)

    assert second.status == Status.READY
    assert second.source_hash != first.source_hash
    assert second.file.name != first.file.name
    assert not second.file.storage.exists(first.file.name)  # the old file is removed
    with second.file.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    assert "Lunch Bunch" in text and "Peer Connections" not in text


def test_changing_the_campaign_words_prints_again(campaign, django_capture_on_commit_callbacks):
    first = request(campaign, django_capture_on_commit_callbacks)
    campaign.time_commitment = "Two lunches a week"
    campaign.save()

    assert request(campaign, django_capture_on_commit_callbacks).source_hash != first.source_hash


def test_a_task_delivered_twice_renders_once(campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        material = services.material_request(campaign=campaign, kind="brochure", paper="letter")
    assert len(callbacks) == 1
    assert material.status == Status.RENDERING

    first = services.material_render(material_id=material.pk, source_hash=material.source_hash)
    second = services.material_render(material_id=material.pk, source_hash=material.source_hash)
    material_render_task.delay(material_id=material.pk, source_hash=material.source_hash)

    assert first is not None and first.status == Status.READY
    assert second is None
    material.refresh_from_db()
    assert material.file.name == first.file.name
    assert material.rendered_at == first.rendered_at


def test_a_render_claimed_by_a_running_worker_is_not_taken_over(campaign, django_capture_on_commit_callbacks):
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        material = services.material_request(campaign=campaign, kind="poster", paper="letter")
    # Another worker claimed it a minute ago and is still printing.
    RecruitmentMaterial.objects.filter(pk=material.pk).update(rendered_at=timezone.now())

    assert services.material_render(material_id=material.pk, source_hash=material.source_hash) is None

    # Its claim is older than the timeout: that worker died, and the next delivery takes over.
    RecruitmentMaterial.objects.filter(pk=material.pk).update(
        rendered_at=timezone.now() - services.CLAIM_TIMEOUT * 2
    )
    taken_over = services.material_render(material_id=material.pk, source_hash=material.source_hash)
    assert taken_over is not None and taken_over.status == Status.READY


def test_a_render_replaced_by_a_newer_request_is_skipped(campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        material = services.material_request(campaign=campaign, kind="poster", paper="letter")
    old_hash = material.source_hash
    campaign.program.name = "Lunch Bunch"
    campaign.program.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.material_request(campaign=campaign, kind="poster", paper="letter")

    assert services.material_render(material_id=material.pk, source_hash=old_hash) is None
    material.refresh_from_db()
    assert material.status == Status.READY
    assert material.source_hash != old_hash


def test_an_unknown_kind_is_refused(campaign):
    with pytest.raises(ValueError, match="Unknown material"):
        services.material_request(campaign=campaign, kind="flyer", paper="letter")
