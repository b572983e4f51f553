"""Write-side workflows of the schools app."""

from django.conf import settings
from django.core.mail import EmailMessage


def email_send(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email now. Called from the ``send_email`` task, never from a request."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    return message.send()


def record_access(*, access, request=None, student=None, action: str, what: str, school=None):
    """Append one row to the access log: who, which student, what, when and from where — never the content.

    Every view, change, export, print or download of a student's sensitive fields goes through here.
    """
    from .models import AccessLogEntry

    return AccessLogEntry.objects.create(
        school=school or (student.school if student is not None else access.school),
        student=student,
        user=access.user,
        action=action,
        what=what[:200],
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )
