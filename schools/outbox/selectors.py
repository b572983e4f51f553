"""Read side of the outbox: the administrator's list of failed rows and the age of the oldest waiting row."""

from datetime import datetime

from .models import OutboxItem


def failed_items(*, school):
    """The rows of ``school`` that stopped being retried, newest first (each shows its error)."""
    return OutboxItem.objects.filter(school=school, status=OutboxItem.Status.FAILED).order_by("-created_at", "-pk")


def oldest_waiting() -> datetime | None:
    """When the oldest row still waiting (or being sent) was written; None when nothing waits.

    The readiness check (/healthz) reports its age: a growing age means the broker or the worker is not taking
    rows. Failed rows are not counted: they wait for a person, not for the machine."""
    return (
        OutboxItem.objects.filter(status__in=(OutboxItem.Status.WAITING, OutboxItem.Status.SENDING))
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
