"""Celery beat reminds each owner the day before an action item is due — once, however often the task runs."""

import datetime

import pytest
import time_machine
from django.conf import settings

from peerpartners.celery import app
from programs.models import ActionItem
from programs.tasks import send_action_item_reminders
from tests.programs.factories import ActionItemFactory, ProgramFactory
from tests.schools.factories import MembershipFactory, SchoolFactory, UserFactory

# 07:00 in Chicago (CDT) on Tuesday, March 10, 2026: the school's "tomorrow" is March 11.
MORNING = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
TOMORROW = datetime.date(2026, 3, 11)


@pytest.fixture
def owner(world):
    user = world.user("coordinator")
    user.first_name, user.email = "Rachel", "rachel.jonas@riverside.example.org"
    user.save()
    return user


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_action_item_reminders.delay().get()


@time_machine.travel(MORNING, tick=False)
def test_the_owner_gets_one_kind_email_listing_what_is_due_tomorrow(
    world, east, owner, mailoutbox, django_capture_on_commit_callbacks
):
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW, description="Send the family letter")
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW, description="Book Mr. O'Brien's room")

    assert run(django_capture_on_commit_callbacks) == 1

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["rachel.jonas@riverside.example.org"]
    assert email.subject == "Reminder: 2 action items are due tomorrow"
    assert email.body.startswith("Hello Rachel,")
    assert "Send the family letter (Peer to Peer, East Elementary" in email.body
    assert "Book Mr. O'Brien's room" in email.body  # plain text: nothing HTML-escaped
    assert "Wednesday, March 11" in email.body
    assert "Thank you" in email.body


@time_machine.travel(MORNING, tick=False)
def test_a_second_run_or_a_retry_sends_nothing(world, east, owner, mailoutbox, django_capture_on_commit_callbacks):
    item = ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW)

    run(django_capture_on_commit_callbacks)
    assert run(django_capture_on_commit_callbacks) == 0

    assert len(mailoutbox) == 1
    item.refresh_from_db()
    assert item.reminder_sent_at == MORNING


@time_machine.travel(MORNING, tick=False)
def test_an_item_another_worker_already_claimed_is_not_sent_again(
    world, east, owner, mailoutbox, django_capture_on_commit_callbacks
):
    item = ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW)
    # What a second worker's conditional UPDATE leaves behind.
    assert ActionItem.objects.filter(pk=item.pk, reminder_sent_at=None).update(reminder_sent_at=MORNING) == 1

    assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


@time_machine.travel(MORNING, tick=False)
def test_only_open_items_due_tomorrow_with_an_address_are_reminded(
    world, east, owner, mailoutbox, django_capture_on_commit_callbacks
):
    no_address = MembershipFactory(school=world.school, role="paraprofessional", user=UserFactory(email="")).user
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW + datetime.timedelta(days=1))
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW - datetime.timedelta(days=1))
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW, completed_on=TOMORROW)
    waiting = ActionItemFactory(program=east.program, owner=no_address, due_on=TOMORROW)

    assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    waiting.refresh_from_db()
    assert waiting.reminder_sent_at is None  # not claimed: an address added today still gets it


@time_machine.travel(MORNING, tick=False)
def test_tomorrow_is_tomorrow_at_the_items_school(world, mailoutbox, django_capture_on_commit_callbacks):
    # In Auckland it is already 01:00 on March 11, so its "tomorrow" is March 12.
    auckland = SchoolFactory(name="Auckland Primary", time_zone="Pacific/Auckland")
    teacher = MembershipFactory(school=auckland, role="coordinator").user
    program = ProgramFactory(school=auckland)
    ActionItemFactory(program=program, owner=teacher, due_on=TOMORROW, description="Not yet")
    ActionItemFactory(program=program, owner=teacher, due_on=TOMORROW + datetime.timedelta(days=1), description="Now")

    run(django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    assert "- Now (" in mailoutbox[0].body and "Not yet" not in mailoutbox[0].body


@time_machine.travel(MORNING, tick=False)
def test_each_owner_gets_their_own_email(world, east, owner, mailoutbox, django_capture_on_commit_callbacks):
    ActionItemFactory(program=east.program, owner=owner, due_on=TOMORROW)
    ActionItemFactory(program=east.program, owner=world.user("staff"), due_on=TOMORROW)

    assert run(django_capture_on_commit_callbacks) == 2
    assert sorted(len(m.to) for m in mailoutbox) == [1, 1]
    assert {m.to[0] for m in mailoutbox} == {owner.email, world.user("staff").email}


def test_beat_runs_the_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["programs-action-item-reminders"]
    assert entry["task"] == "programs.tasks.send_action_item_reminders"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {12} and entry["schedule"].minute == {0}
