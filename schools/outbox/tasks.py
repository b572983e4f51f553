"""Thin tasks: the dispatcher (beat, every minute, and a kick after each commit) and the delivery of one row."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def outbox_dispatch_task(*, prune: bool = False) -> int:
    # Beat's minute run also deletes old sent rows; a kick after a commit only dispatches.
    if prune:
        services.outbox_prune()
    return services.outbox_dispatch()


@shared_task(ignore_result=True)
def outbox_deliver_task(*, item_id: int) -> bool:
    return services.outbox_deliver(item_id=item_id)
