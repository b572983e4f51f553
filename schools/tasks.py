from celery import shared_task

from . import services


@shared_task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return services.email_send(subject=subject, body=body, to=to)


# The worker registers the tasks of the modules Celery discovers (each app's tasks.py); the roster import's tasks
# and the privacy tasks live in sub-packages, so they are imported here.
from .privacy.tasks import anonymise_students_task, send_consent_record_renewals  # noqa: E402, F401
from .rostering.tasks import roster_import_analyse_task, roster_import_apply_task  # noqa: E402, F401
