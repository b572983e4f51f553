"""Two daily runs at the same moment (a retried task beside the next one, two workers): each reminder goes out once,
and pressing "Invite" twice at once makes each response once. On the real PostgreSQL, two connections."""

import datetime

import pytest

from evaluation.models import SurveyResponse
from evaluation.surveys import services
from schools.outbox.models import OutboxItem
from tests.concurrency import at_once, require_postgresql, slowed

from .factories import TODAY, invited_window

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_send_each_reminder_once(world, monkeypatch):
    require_postgresql()
    start = TODAY - datetime.timedelta(days=5)
    invited_window(world, invited_on=start)
    # Whoever claims a reminder first takes a moment to queue it: without the claim, the other run would send it too.
    slowed(monkeypatch, services, "email_queue")
    day = start + datetime.timedelta(days=3)

    outcomes = at_once(lambda: services.survey_nudges_send(today=day), lambda: services.survey_nudges_send(today=day))

    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    # The coordinator, the teacher and Noah's family, split between the runs.
    assert sum(outcome.value for outcome in outcomes) == 3
    assert OutboxItem.objects.filter(key__startswith="survey-nudge:").count() == 3


def test_invite_pressed_twice_at_once_makes_each_response_once(world, monkeypatch):
    require_postgresql()
    window = invited_window(world, invited_on=TODAY)
    SurveyResponse.objects.filter(window=window).delete()
    window.invited_at = None
    window.save(update_fields=["invited_at"])
    OutboxItem.objects.all().delete()
    slowed(monkeypatch, services, "email_queue", seconds=0.1)

    outcomes = at_once(
        lambda: services.survey_invitations_send(window=window), lambda: services.survey_invitations_send(window=window)
    )

    assert all(outcome.won for outcome in outcomes), [outcome.error for outcome in outcomes]
    assert sorted(outcome.value for outcome in outcomes) == [0, 5]
    assert SurveyResponse.objects.filter(window=window).count() == 5
    assert OutboxItem.objects.filter(key__startswith="survey-invite:").count() == 3
