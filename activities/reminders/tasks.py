"""Thin Celery task of activity reminders: beat runs it every 15 minutes; the service claims each reminder before
queuing it, so a retried or doubled run sends nothing twice."""

from celery import shared_task

from . import services


@shared_task
def send_activity_reminders() -> int:
    return services.reminders_send()
