from celery import shared_task

from . import services


@shared_task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return services.email_send(subject=subject, body=body, to=to)
