"""Two beat runs of the activity reminders at the same moment (a retried task beside the next one, two workers):
each reminder and each digest goes out once. On the real PostgreSQL, two connections."""

import datetime

import pytest

from activities.models import ReminderPreference, SentActivityReminder
from activities.reminders import services
from schools.outbox.models import OutboxItem
from tests.activities.factories import reminder_activity
from tests.concurrency import at_once, require_postgresql, slowed

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Sunday, March 7, 2027, 15:01 in Chicago: the coordinator's digest and Monday's day-before emails are due.
SUNDAY_3PM = datetime.datetime(2027, 3, 7, 21, 1, tzinfo=datetime.UTC)


def test_two_runs_at_once_send_each_reminder_once(world, monkeypatch):
    require_postgresql()
    reminder_activity(world)
    ReminderPreference.objects.create(user=world.user("coordinator"), delivery=ReminderPreference.Delivery.WEEKLY)
    # Whoever gets an occurrence or a digest first takes a moment to queue its emails: without the claims, the other
    # run would read the same unclaimed reminders meanwhile.
    slowed(monkeypatch, services, "email_queue")

    outcomes = at_once(lambda: services.reminders_send(now=SUNDAY_3PM), lambda: services.reminders_send(now=SUNDAY_3PM))

    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    # The coordinator's digest, and Monday's reminders for the teacher, Sofia and Noah, split between the runs.
    assert sum(outcome.value for outcome in outcomes) == 4
    assert OutboxItem.objects.count() == 4
    assert SentActivityReminder.objects.filter(key__startswith="day-before:").count() == 3
    assert SentActivityReminder.objects.filter(key__startswith="digest:").count() == 1
