"""The weekly digest (Sunday afternoon, the school's time) instead of single day-before emails, for whoever chose it
on the preference page; the others keep their day-before emails. A digest goes once; an occurrence moved after the
digest listed it is reminded the day before its new day."""

import datetime

import pytest

from activities.models import ReminderPreference, SentActivityReminder
from activities.reminders import services
from schools.outbox.models import OutboxItem
from tests.activities.factories import reminder_activity

UTC = datetime.UTC
# Sunday, March 7, 2027, 15:00 in Chicago (CST) is 21:00 UTC.
SUNDAY_3PM = datetime.datetime(2027, 3, 7, 21, 0, tzinfo=UTC)
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)
COORDINATOR = "east.coordinator@school.example.org"


@pytest.fixture
def setup(world):
    objects = reminder_activity(world)
    ReminderPreference.objects.create(user=world.user("coordinator"), delivery=ReminderPreference.Delivery.WEEKLY)
    return objects


def to(item) -> str:
    return item.to[0]


def emails_to(address, **filters):
    return [item for item in OutboxItem.objects.filter(**filters).order_by("pk") if item.to == [address]]


def test_the_digest_lists_the_week_and_replaces_the_day_before_emails(setup):
    assert services.reminders_send(now=SUNDAY_3PM - MINUTE) == 0

    # Sunday afternoon: the coordinator's digest; Monday's day-before emails for the three others.
    assert services.reminders_send(now=SUNDAY_3PM + MINUTE) == 4
    digest = OutboxItem.objects.get(subject__startswith="Your activities this week")
    assert to(digest) == COORDINATOR
    assert digest.subject == "Your activities this week (from March 8)"
    assert "Monday, March 8, 12:00 PM" in digest.body and "Wednesday, March 10, 12:00 PM" in digest.body
    day_before = OutboxItem.objects.filter(subject="Tomorrow: Lunch bunch")
    assert COORDINATOR not in {to(item) for item in day_before}
    assert day_before.count() == 3

    # A second run: nothing.
    assert services.reminders_send(now=SUNDAY_3PM + 30 * MINUTE) == 0
    # Tuesday afternoon: Wednesday's day-before emails for the three others only.
    assert services.reminders_send(now=SUNDAY_3PM + 2 * DAY + MINUTE) == 3
    assert len(emails_to(COORDINATOR)) == 1


def test_no_digest_on_other_days_or_for_a_week_without_activities(setup, world):
    # Saturday afternoon: Monday is two days away; nothing.
    assert services.reminders_send(now=SUNDAY_3PM - DAY + MINUTE) == 0
    # The Sunday after: the week holds no occurrence of the activity (it ended on the 10th).
    assert services.reminders_send(now=SUNDAY_3PM + 7 * DAY + MINUTE) == 0
    assert not OutboxItem.objects.filter(subject__startswith="Your activities this week").exists()


def test_an_occurrence_moved_after_the_digest_is_reminded_the_day_before_its_new_day(setup):
    services.reminders_send(now=SUNDAY_3PM + MINUTE)
    setup.wednesday.date = datetime.date(2027, 3, 11)
    setup.wednesday.is_changed = True
    setup.wednesday.sequence += 1
    setup.wednesday.save()
    # Wednesday afternoon: the moved occurrence is tomorrow, on a day the digest did not list.
    assert services.reminders_send(now=SUNDAY_3PM + 3 * DAY + MINUTE) == 4
    coordinator = emails_to(COORDINATOR, subject="Tomorrow: Lunch bunch")
    assert len(coordinator) == 1 and "Thursday, March 11" in coordinator[0].body


def test_choosing_the_digest_mid_week_still_gets_the_day_before_emails_until_sunday(world):
    setup = reminder_activity(world)
    # Sunday passes with the default (an email each); the coordinator switches on Monday.
    services.reminders_send(now=SUNDAY_3PM + MINUTE)
    ReminderPreference.objects.create(user=world.user("coordinator"), delivery=ReminderPreference.Delivery.WEEKLY)
    assert services.reminders_send(now=SUNDAY_3PM + 2 * DAY + MINUTE) == 4
    assert SentActivityReminder.objects.filter(key__startswith=f"day-before:{setup.wednesday.pk}:").count() == 4
