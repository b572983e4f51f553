from celery import shared_task

from .applying import renewal


@shared_task
def send_consent_renewals() -> int:
    """Daily (Celery beat): ask guardians to renew consents that end soon. Safe to run twice: claimed rows are
    skipped."""
    return renewal.consent_renewals_send()
