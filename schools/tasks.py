from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage


@shared_task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email now. Emails now go through the outbox (``schools.outbox``); this task stays so that
    messages still in the broker from before the outbox are delivered, not refused, after an upgrade."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send()
