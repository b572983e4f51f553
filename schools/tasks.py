from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage

from . import backups


@shared_task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email now. Emails now go through the outbox (``schools.outbox``); this task stays so that
    messages still in the broker from before the outbox are delivered, not refused, after an upgrade."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send()


@shared_task
def backup() -> str:
    """The nightly backup (CELERY_BEAT_SCHEDULE): a new file in BACKUP_DIR, the old ones beyond BACKUP_KEEP deleted."""
    return str(backups.scheduled_backup())


@shared_task(bind=True)
def worker_heartbeat(self) -> None:
    """Every WORKER_HEARTBEAT_SECONDS (Celery beat): the worker that runs it is alive and takes tasks from Redis."""
    from .services import worker_heartbeat_record  # services.py imports this module for send_email

    worker_heartbeat_record(hostname=self.request.hostname or "worker")
