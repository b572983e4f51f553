"""Write-side workflows of the schools app."""

from django.conf import settings
from django.core.mail import EmailMessage


def email_send(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email now. Called from the ``send_email`` task, never from a request."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send()
