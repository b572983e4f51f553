"""The Celery app. Start a worker with ``make worker`` and the scheduler with ``make beat``.

Tasks acknowledge late (settings) and retry on transient errors: a lost broker or database connection is retried
with backoff instead of dropping the work.
"""

import os

from celery import Celery, Task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpartners.settings")


class PeerPartnersTask(Task):
    """Base for every task: retried with exponential backoff when a service blinks, never on a bug."""

    autoretry_for = (ConnectionError, TimeoutError, OperationalError, InterfaceError, BrokerOperationalError)
    retry_backoff = 5
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5


app = Celery("peerpartners", task_cls=PeerPartnersTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Autodiscovery reads each installed app's own tasks.py; the task modules of sub-packages are named here, so the
# worker registers them too (tests/test_task_modules.py checks that none is missing).
app.autodiscover_tasks(
    ["schools.outbox", "schools.privacy", "schools.rostering", "recruitment.materials", "orientation.invitations",
     "activities.reminders", "evaluation.pairs", "evaluation.surveys"]
)
