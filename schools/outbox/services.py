"""Write side of the outbox: queue an email or a job inside the caller's transaction, hand due rows to Celery, and
deliver one row (at most once per success), with backoff and a failed state an administrator can retry.

Why a table of ours and not Celery alone: ``transaction.on_commit(lambda: task.delay())`` lost the email or the
import when Redis was down at that moment, and the page answered 500. A row written with the change is kept
whatever happens to the broker; the dispatcher (Celery beat every minute, and a kick right after each commit)
hands it over when the broker is back.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxItem

logger = logging.getLogger(__name__)

Status = OutboxItem.Status
Kind = OutboxItem.Kind
# After this many failed attempts a row stops being retried and waits for an administrator's "Try again".
MAX_ATTEMPTS = 8
# The first retry waits a minute, each next one twice as long, never more than an hour (about 2 hours in all).
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
# A row handed to Celery this long ago and still "sending" belonged to a worker that died: hand it over again.
CLAIM_TIMEOUT = timedelta(minutes=15)
# Rows handed over per dispatcher run; the next run (a minute later, or the next kick) takes the rest.
DISPATCH_BATCH = 200
# A sent row is kept this long (what went to whom, when), then deleted by the minute run of beat.
SENT_KEPT = timedelta(days=30)


def outbox_email(
    *, subject: str, body: str, to: list[str], school=None, key: str | None = None, attachments=None
) -> OutboxItem:
    """Queue one plain-text email in the current transaction: a rolled-back change leaves no row and sends nothing.

    ``key`` names the email once (e.g. ``"renewal:42"``): queuing the same key again returns the row already there.
    ``attachments``: small text files, ``[{"filename": …, "content": …, "mimetype": …}]`` (a calendar invitation).
    """
    return _queue(
        Kind.EMAIL,
        key=key,
        school=school,
        subject=" ".join(subject.split())[:300],
        body=body,
        to=list(to),
        attachments=[_attachment(a) for a in attachments or []],
    )


def _attachment(attachment: dict) -> dict:
    # Checked when queued, in the caller's transaction: a malformed attachment is the caller's bug, not a failed send.
    return {
        "filename": str(attachment["filename"]),
        "content": str(attachment["content"]),
        "mimetype": str(attachment["mimetype"]),
    }


def outbox_job(task_name: str, /, *, school=None, key: str | None = None, **kwargs) -> OutboxItem:
    """Queue a Celery task by its full name (``"schools.rostering.tasks.roster_import_apply_task"``) with JSON
    keyword arguments, run once the current transaction commits. The task must be harmless to run twice (each of
    ours claims its own row): a worker killed after the task but before the row is marked sent runs it again."""
    _task(task_name)  # a misspelt name fails here, in the caller's transaction, not later in the worker
    return _queue(Kind.JOB, key=key, school=school, task_name=task_name, task_kwargs=kwargs)


def _queue(kind, *, key, school, **fields) -> OutboxItem:
    with transaction.atomic():
        if key is not None:
            item = OutboxItem.objects.filter(key=key).first()
            if item is not None:
                return item
        item = OutboxItem(kind=kind, school=school, **fields)
        if key is not None:
            item.key = key
        item.full_clean()
        item.save()
    # Each row kicks the dispatcher after the outermost commit; the first kick hands over every row due, the
    # others find nothing left (one cheap query each).
    transaction.on_commit(_kick)
    return item


def _kick() -> None:
    """Hand the new rows over now. Without a broker (Redis down) this only logs: beat takes them within a minute,
    and the person who saved the change never sees an error."""
    from .tasks import outbox_dispatch_task  # tasks.py imports this module: its tasks run these services

    try:
        with _broker_connection(outbox_dispatch_task) as connection:
            outbox_dispatch_task.apply_async(retry=False, connection=connection)
    except Exception:
        logger.warning("outbox.kick_failed: the rows wait for the next dispatcher run", exc_info=True)


def outbox_dispatch(*, now=None) -> int:
    """Claim the due rows and hand each to the ``outbox_deliver_task``. Returns how many were handed over.

    Rows are claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` and moved to "sending" in one short transaction, so
    two dispatchers (beat and a kick) never take the same row. When the broker refuses a row, it and the rest go
    back to waiting, untouched, and the next run tries again.
    """
    from .tasks import outbox_deliver_task  # tasks.py imports this module: its tasks run these services

    now = now or timezone.now()
    with transaction.atomic():
        due = (
            OutboxItem.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=Status.WAITING, next_attempt_at__lte=now)
                | Q(status=Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:DISPATCH_BATCH]
        )
        ids = list(due)
        OutboxItem.objects.filter(pk__in=ids).update(status=Status.SENDING, claimed_at=now)
    if not ids:
        return 0
    handed = 0
    try:
        with _broker_connection(outbox_deliver_task) as connection:
            for item_id in ids:
                outbox_deliver_task.apply_async(kwargs={"item_id": item_id}, retry=False, connection=connection)
                handed += 1
    except Exception:
        logger.warning("outbox.dispatch_failed: %d rows wait for the next run", len(ids) - handed, exc_info=True)
        OutboxItem.objects.filter(pk__in=ids[handed:], status=Status.SENDING, claimed_at=now).update(
            status=Status.WAITING, claimed_at=None
        )
    return handed


def _broker_connection(task):
    """A connection to the broker that gives up at once when it is down, instead of kombu's default of retrying for
    seconds: the page that kicked the dispatcher answers without waiting, and beat is the retry."""
    return task.app.connection_for_write(transport_options={"max_retries": 0})


def outbox_deliver(*, item_id: int) -> bool:
    """Send the email or run the job of one row handed over by the dispatcher. True when it went out now.

    A row already sent (under its idempotency key) or not handed over is left alone, so a message delivered twice
    sends once. An email is sent while its row is locked and marked sent in the same transaction: a second delivery
    waits for the lock and then finds it sent. A failure is kept on the row with a later retry.
    """
    item = OutboxItem.objects.filter(pk=item_id).first()
    if item is None or item.status != Status.SENDING:
        return False
    try:
        if item.kind == Kind.EMAIL:
            with transaction.atomic():
                item = OutboxItem.objects.select_for_update().filter(pk=item_id, status=Status.SENDING).first()
                if item is None:
                    return False
                EmailMessage(
                    subject=item.subject,
                    body=item.body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=item.to,
                    attachments=[(a["filename"], a["content"], a["mimetype"]) for a in item.attachments],
                ).send()
                _mark_sent(item)
            return True
        # A job runs outside any transaction of ours: its services commit their own steps (roster progress), and
        # each claims its own row, so running it again after a crash does nothing twice.
        _task(item.task_name)(**item.task_kwargs)
        return bool(
            OutboxItem.objects.filter(pk=item.pk, status=Status.SENDING).update(
                status=Status.SENT, sent_at=timezone.now(), last_error=""
            )
        )
    except Exception as error:
        _mark_failed_attempt(item, error)
        return False


def _mark_sent(item: OutboxItem) -> None:
    item.status = Status.SENT
    item.sent_at = timezone.now()
    item.last_error = ""
    # The body (a child's name, a signed consent link) is not needed once sent: it is not kept at rest.
    item.body = ""
    item.attachments = []
    item.save(update_fields=["status", "sent_at", "last_error", "body", "attachments"])


def outbox_prune(*, now=None) -> int:
    """Delete the rows sent more than ``SENT_KEPT`` ago. Failed rows stay until someone tries them again."""
    now = now or timezone.now()
    deleted, _ = OutboxItem.objects.filter(status=Status.SENT, sent_at__lt=now - SENT_KEPT).delete()
    return deleted


def _mark_failed_attempt(item: OutboxItem, error: Exception) -> None:
    logger.warning("outbox.attempt_failed id=%s kind=%s", item.pk, item.kind, exc_info=error)
    attempts = item.attempts + 1
    failed = attempts >= MAX_ATTEMPTS
    OutboxItem.objects.filter(pk=item.pk, status=Status.SENDING).update(
        attempts=attempts,
        status=Status.FAILED if failed else Status.WAITING,
        next_attempt_at=timezone.now() + backoff(attempts),
        claimed_at=None,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def backoff(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed attempts: 1, 2, 4, 8 … minutes, at most an hour."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def outbox_retry(*, item: OutboxItem) -> bool:
    """An administrator's "Try again" on a failed row: it waits again, due now, with a fresh count of attempts.
    False when it was no longer failed (someone else pressed the button first)."""
    retried = OutboxItem.objects.filter(pk=item.pk, status=Status.FAILED).update(
        status=Status.WAITING, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
    )
    if retried:
        transaction.on_commit(_kick)
    item.refresh_from_db()
    return bool(retried)


def _task(task_name: str):
    """The Celery task of that full name, imported from its module (the web process may not have loaded it)."""
    module, _, name = task_name.rpartition(".")
    task = getattr(import_module(module), name, None) if module else None
    if task is None or not hasattr(task, "apply_async"):
        raise ValueError(f"No task named {task_name!r}")
    return task
