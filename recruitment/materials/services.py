"""Write side of printed materials: ask for a brochure or poster, and render it (in a Celery task).

A material is cached until what it prints changes: ``source_hash`` is computed from exactly the words the templates
print (``selectors.material_content``), the kind, the paper and the layout version. Asking again for an unchanged
program answers with the stored file; a changed program name, purpose or campaign text renders it again.

Claiming: while a row is ``rendering``, ``rendered_at`` holds the time a worker claimed it (None: queued, nobody
working yet). The task claims with one conditional UPDATE, so a second delivery of the same task, or a second
request while the first render runs, never renders twice; a claim older than ``CLAIM_TIMEOUT`` belongs to a worker
that died and may be taken over.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from recruitment.models import RecruitmentCampaign, RecruitmentMaterial
from schools.outbox.services import outbox_job

from . import pdf, selectors

logger = logging.getLogger(__name__)

Status = RecruitmentMaterial.Status

# Bump when a template or the print stylesheet changes, so every cached file is printed again.
LAYOUT_VERSION = 2
CLAIM_TIMEOUT = timedelta(minutes=10)


def material_source_hash(*, content: dict, kind: str, paper: str) -> str:
    payload = json.dumps(
        {"layout": LAYOUT_VERSION, "kind": kind, "paper": paper, "content": content}, sort_keys=True
    ).encode()
    return hashlib.sha256(payload).hexdigest()


def material_filename(material: RecruitmentMaterial) -> str:
    """The name a download is saved under: ``peer-to-peer-poster-letter.pdf``."""
    name = slugify(material.campaign.program.name) or "program"
    return f"{name}-{material.kind}-{material.paper}.pdf"


def material_request(*, campaign: RecruitmentCampaign, kind: str, paper: str) -> RecruitmentMaterial:
    """Make sure a current file of this kind and paper exists or is on its way.

    Guarantees: a ready file whose hash matches what would be printed now is returned untouched (no render);
    otherwise the row is marked ``rendering`` with the current hash and one render task is queued after commit.
    Queuing while a render of the same hash is under way is harmless: the task's claim lets only one render.
    """
    if kind not in RecruitmentMaterial.Kind.values or paper not in RecruitmentMaterial.Paper.values:
        raise ValueError(f"Unknown material {kind!r} on {paper!r}")
    content = selectors.material_content(campaign=campaign)
    source_hash = material_source_hash(content=content, kind=kind, paper=paper)
    with transaction.atomic():
        material, created = RecruitmentMaterial.objects.select_for_update().get_or_create(
            campaign=campaign, kind=kind, paper=paper,
            defaults={"source_hash": source_hash, "status": Status.RENDERING},
        )
        if not created and material.status == Status.READY and material.source_hash == source_hash and material.file:
            return material
        if not created and (material.status != Status.RENDERING or material.source_hash != source_hash):
            material.status = Status.RENDERING
            material.source_hash = source_hash
            material.rendered_at = None
            material.full_clean(exclude=["file"])
            material.save(update_fields=["status", "source_hash", "rendered_at"])
        # By name: tasks.py imports this module. The outbox hands it to the worker after commit.
        outbox_job(
            "recruitment.materials.tasks.material_render_task",
            school=campaign.program.school, material_id=material.pk, source_hash=source_hash,
        )
    return material


def _claim(*, material_id: int, source_hash: str) -> datetime | None:
    now = timezone.now()
    claimed = (
        RecruitmentMaterial.objects.filter(pk=material_id, status=Status.RENDERING, source_hash=source_hash)
        .filter(Q(rendered_at=None) | Q(rendered_at__lt=now - CLAIM_TIMEOUT))
        .update(rendered_at=now)
    )
    return now if claimed == 1 else None


def material_render(*, material_id: int, source_hash: str) -> RecruitmentMaterial | None:
    """Render the material queued with ``source_hash`` and store the PDF.

    Guarantees: renders only after claiming the row (None when another worker has it, a newer request replaced the
    hash, or it is done); the row becomes ``ready`` with the file, or ``failed`` with the reason in the log. A file
    rendered for a request that was replaced meanwhile is thrown away, never shown.
    """
    claimed_at = _claim(material_id=material_id, source_hash=source_hash)
    if claimed_at is None:
        return None
    material = RecruitmentMaterial.objects.select_related("campaign__program__school").get(pk=material_id)
    ours = RecruitmentMaterial.objects.filter(
        pk=material_id, status=Status.RENDERING, source_hash=source_hash, rendered_at=claimed_at
    )
    content = selectors.material_content(campaign=material.campaign)
    # The hash of what is actually printed: the program may have changed since the request.
    printed_hash = material_source_hash(content=content, kind=material.kind, paper=material.paper)
    previous = material.file.name
    try:
        data = pdf.render_pdf(content=content, kind=material.kind, paper=material.paper)
        stored = material.file.storage.save(
            material.file.field.generate_filename(material, f"{material.campaign_id}-{printed_hash[:16]}.pdf"),
            ContentFile(data),
        )
    except Exception:
        # Pango missing, a template error, a full disk: the page says "could not be prepared", the log says why.
        logger.exception("Recruitment material %s could not be rendered", material_id)
        ours.update(status=Status.FAILED)
        material.refresh_from_db()
        return material
    if ours.update(status=Status.READY, source_hash=printed_hash, file=stored, rendered_at=timezone.now()) != 1:
        material.file.storage.delete(stored)
        return None
    if previous and previous != stored:
        material.file.storage.delete(previous)
    material.refresh_from_db()
    return material
