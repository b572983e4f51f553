"""Two beat runs of the reminders at the same moment (a retried task beside the next one, two workers): each
reminder goes out once. On the real PostgreSQL, two connections."""

import datetime

import pytest

from orientation.invitations import services
from orientation.models import SentReminder
from schools.outbox.models import OutboxItem
from tests.concurrency import at_once, require_postgresql, slowed
from tests.orientation.factories import InvitationFactory, MeetingFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_send_each_reminder_once(world, setup, monkeypatch):
    require_postgresql()
    InvitationFactory(orientation=setup.orientation, student=setup.sofia)
    meeting = MeetingFactory(orientation=setup.orientation, date=datetime.date.today() + datetime.timedelta(days=30))
    MeetingFactory(orientation=setup.orientation, date=meeting.date, starts_at=datetime.time(14, 30),
                   ends_at=datetime.time(15), slot="during_school", place="Room 12")
    # Planned long ago; "now" is 90 minutes before the first meeting: both are inside their 2-hour window.
    type(meeting).objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    now = services.ics.meeting_start(meeting) - datetime.timedelta(minutes=90)
    # Whoever locks a meeting first takes a moment to find its people: without the lock, the other run would be
    # reading the same unclaimed reminders meanwhile.
    slowed(monkeypatch, services.selectors, "meeting_recipients")
    before = OutboxItem.objects.count()

    outcomes = at_once(lambda: services.reminders_send(now=now), lambda: services.reminders_send(now=now))

    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    # Two meetings × (Sofia and the facilitator), split between the runs however they met.
    assert sum(outcome.value for outcome in outcomes) == 4
    assert SentReminder.objects.count() == 4
    assert OutboxItem.objects.count() - before == 4
