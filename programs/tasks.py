from celery import shared_task

from . import services


@shared_task
def send_action_item_reminders() -> int:
    """Daily (Celery beat): remind owners of action items due tomorrow. Safe to run twice: claimed rows are skipped."""
    return services.action_item_reminders_send()
