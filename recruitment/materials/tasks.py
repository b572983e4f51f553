"""Thin task: render one material by id. The service claims the row, so a second delivery renders nothing."""

from celery import shared_task

from . import services


@shared_task
def material_render_task(*, material_id: int, source_hash: str) -> None:
    services.material_render(material_id=material_id, source_hash=source_hash)
