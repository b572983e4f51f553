"""A worker that dies in the middle of a reminder batch: the batch is sent again, and each reminder goes out once.

The claims and the queued emails of a batch share one transaction, so a worker killed mid-batch (SIGKILL: PostgreSQL
rolls its transaction back) has claimed nothing and sent nothing; Redis hands the unacknowledged task to the next
worker (acks_late). Here the death is an exception that no ``except Exception`` catches, raised between two owners.
"""

import datetime

import pytest
import time_machine

from programs import services
from programs.tasks import send_action_item_reminders
from tests.programs.factories import ActionItemFactory
from tests.schools.factories import UserFactory

MORNING = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
TOMORROW = datetime.date(2026, 3, 11)


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs in the batch, and its transaction is rolled back."""


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_action_item_reminders.delay().get()


@time_machine.travel(MORNING, tick=False)
def test_a_batch_killed_half_way_is_sent_again_each_reminder_once(
    world, east, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    owners = [UserFactory(email=f"owner{n}@riverside.example.org") for n in range(3)]
    for owner in owners:
        ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW)
    queue = services.email_queue
    queued = []

    def dies_at_the_second_owner(**kwargs):
        if queued:
            raise WorkerKilled
        queued.append(kwargs["to"])
        queue(**kwargs)

    monkeypatch.setattr(services, "email_queue", dies_at_the_second_owner)
    with pytest.raises(WorkerKilled):
        run(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    monkeypatch.setattr(services, "email_queue", queue)

    # The next worker runs the redelivered task; any later run finds nothing left.
    assert run(django_capture_on_commit_callbacks) == 3
    assert run(django_capture_on_commit_callbacks) == 0
    assert sorted(email.to[0] for email in mailoutbox) == sorted(owner.email for owner in owners)
