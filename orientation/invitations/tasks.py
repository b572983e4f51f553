"""Thin Celery tasks of meetings: beat's reminder run (every 15 minutes) calls the service, which claims each
reminder before queuing it, so a retried or doubled run sends nothing twice."""

from celery import shared_task

from . import services


@shared_task
def send_orientation_reminders() -> int:
    return services.reminders_send()
