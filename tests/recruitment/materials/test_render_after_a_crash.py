"""A worker killed with SIGKILL in the middle of a material render: the next delivery of the task, on a new worker,
finishes the render; a delivery while the claim is still fresh leaves it to the worker that holds it.

Redis hands the killed worker's unacknowledged task to another worker after its visibility timeout (1 hour), longer
than the render's claim (``CLAIM_TIMEOUT``): the test sends the task again itself and ages the claim by hand.
"""

import pytest

from recruitment.materials import services
from recruitment.materials.tasks import material_render_task
from recruitment.models import RecruitmentMaterial
from schools.outbox.models import OutboxItem

from ...celery_workers import Worker, killed_at_stall, require_postgresql_and_redis

Status = RecruitmentMaterial.Status

pytestmark = [
    pytest.mark.services,
    pytest.mark.real_celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("weasyprint_ready", "media_root"),
]


def test_a_render_killed_half_way_is_finished_by_the_next_worker(campaign, tmp_path, settings):
    require_postgresql_and_redis()
    # Ask for the poster as the page does; its job is written to the outbox, whose arguments the workers below get
    # on their own queues (the dispatcher's copy goes to the default queue, which no worker here reads).
    material = services.material_request(campaign=campaign, kind="poster", paper="letter")
    queued = list(
        OutboxItem.objects.filter(task_name="recruitment.materials.tasks.material_render_task").values_list(
            "task_kwargs", flat=True
        )
    )
    assert len(queued) == 1 and material.status == Status.RENDERING

    killed_at_stall(
        tmp_path,
        stall_after="recruitment.materials.pdf:render_pdf",
        send=lambda queue: material_render_task.apply_async(kwargs=queued[0], queue=queue),
    )
    material.refresh_from_db()
    assert material.status == Status.RENDERING and material.rendered_at is not None and not material.file

    fresh = Worker(tmp_path / "new-worker.log")
    try:
        # Delivered again at once: the claim is fresh, so it could be a live worker's, and is left alone.
        fresh.wait_for(material_render_task.apply_async(kwargs=queued[0], queue=fresh.queue))
        material.refresh_from_db()
        assert material.status == Status.RENDERING and not material.file

        # Delivered again after the claim ran out (as Redis does after its visibility timeout): the render finishes.
        RecruitmentMaterial.objects.filter(pk=material.pk).update(
            rendered_at=material.rendered_at - services.CLAIM_TIMEOUT
        )
        fresh.wait_for(material_render_task.apply_async(kwargs=queued[0], queue=fresh.queue))
    finally:
        fresh.stop()
    material.refresh_from_db()
    assert material.status == Status.READY
    with material.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    # One file: the killed render stored nothing.
    assert len(list((settings.MEDIA_ROOT).rglob("*.pdf"))) == 1
