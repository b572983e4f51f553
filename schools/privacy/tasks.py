from celery import shared_task

from . import consent_renewal, retention


@shared_task
def send_consent_record_renewals() -> int:
    """Daily (Celery beat): ask guardians to renew hand-entered consents that end soon. Claimed rows are skipped."""
    return consent_renewal.consent_record_renewals_send()


@shared_task
def anonymise_students_task() -> int:
    """Daily (Celery beat): anonymise the students past their retention days. Safe to run twice."""
    return len(retention.retention_run())
