"""A worker that dies in the middle of a reminder batch: the batch is sent again, and each reminder goes out once.

The claims and the queued emails of a batch share one transaction, so a worker killed mid-batch (SIGKILL: PostgreSQL
rolls its transaction back) has claimed nothing and sent nothing; Redis hands the unacknowledged task to the next
worker (acks_late). Here the death is an exception that no ``except Exception`` catches, raised between two owners.
"""

import datetime

import pytest
import time_machine

from programs import services
from programs.models import ActionItem
from programs.tasks import send_action_item_reminders
from schools.dates import school_today
from schools.outbox.models import OutboxItem
from tests.celery_workers import Worker, killed_at_stall, require_postgresql_and_redis
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


@pytest.mark.services
@pytest.mark.real_celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_killed_mid_batch_leaves_nothing_and_the_next_writes_each_reminder_once(world, east, tmp_path):
    require_postgresql_and_redis()
    # The worker runs on the real clock: the items are due tomorrow at the school, whatever today is.
    tomorrow = school_today(east.program.school) + datetime.timedelta(days=1)
    owners = [UserFactory(email=f"owner{n}@riverside.example.org") for n in range(3)]
    for owner in owners:
        ActionItemFactory(program=east.program, owner=owner, due_on=tomorrow)
    before = set(OutboxItem.objects.values_list("pk", flat=True))

    # Killed after the first owner's email, inside the batch's transaction.
    killed_at_stall(
        tmp_path,
        stall_after="programs.services:email_queue",
        send=lambda queue: send_action_item_reminders.apply_async(queue=queue),
    )
    # PostgreSQL rolled the killed batch back: no item claimed, no email waiting.
    assert not ActionItem.objects.exclude(reminder_sent_at=None).exists()
    assert set(OutboxItem.objects.values_list("pk", flat=True)) == before

    fresh = Worker(tmp_path / "new-worker.log")
    try:
        # The redelivered task on a new worker writes the three reminders; a second run finds nothing left.
        assert fresh.wait_for(send_action_item_reminders.apply_async(queue=fresh.queue)) == 3
        assert fresh.wait_for(send_action_item_reminders.apply_async(queue=fresh.queue)) == 0
    finally:
        fresh.stop()
    emails = OutboxItem.objects.exclude(pk__in=before)
    assert sorted(to[0] for to in emails.values_list("to", flat=True)) == sorted(owner.email for owner in owners)
