"""Reminders ("nudges"): each staff member and family who has not finished a survey of an open window is reminded
three days after the invitation and again three days later, never more than twice; each reminder is claimed by a
conditional UPDATE and queued under its own outbox key, so a run repeated (or racing another) sends it once. A
closed window or a finished response gets nothing."""

import datetime

import pytest

from evaluation.models import Audience, ResponseStatus, SurveyResponse
from evaluation.surveys import services
from schools.models import OutboxItem

from .factories import TODAY, invited_window, noon

pytestmark = pytest.mark.django_db


def nudges(response):
    return OutboxItem.objects.filter(key__startswith=f"survey-nudge:{response.pk}:").count()


def test_nudge_limit_and_exactly_once(world):
    start = TODAY - datetime.timedelta(days=10)
    window = invited_window(world, invited_on=start)
    staff = SurveyResponse.objects.get(window=window, user=world.user("staff"))
    family = SurveyResponse.objects.get(window=window, respondent=Audience.FAMILY)
    first = start + datetime.timedelta(days=3)
    # Four runs across days: three days after the invitation, the next day, three days later, three more days.
    for day in (
        first,
        first + datetime.timedelta(days=1),
        first + datetime.timedelta(days=3),
        first + datetime.timedelta(days=6),
    ):
        services.survey_nudges_send(today=day)
    assert nudges(staff) == 2 and nudges(family) == 2
    staff.refresh_from_db()
    assert staff.nudge_count == 2


def test_run_twice_on_one_day_sends_once(world):
    start = TODAY - datetime.timedelta(days=5)
    window = invited_window(world, invited_on=start)
    day = start + datetime.timedelta(days=3)
    sent = services.survey_nudges_send(today=day)
    again = services.survey_nudges_send(today=day)
    staff = SurveyResponse.objects.get(window=window, user=world.user("staff"))
    assert (sent, again) == (3, 0)  # the coordinator, the teacher, the family
    assert nudges(staff) == 1


def test_a_run_that_read_before_another_claimed_sends_nothing(world):
    # Two runs at once read the same row (nudge_count 0); the second's conditional UPDATE finds it changed.
    start = TODAY - datetime.timedelta(days=5)
    window = invited_window(world, invited_on=start)
    staff = SurveyResponse.objects.get(window=window, user=world.user("staff"))
    stale = SurveyResponse.objects.get(pk=staff.pk)
    assert services._nudge(staff, window=window, now=noon(TODAY)) == 1
    assert services._nudge(stale, window=window, now=noon(TODAY)) == 0
    assert nudges(staff) == 1


def test_peers_and_students_are_never_nudged(world):
    start = TODAY - datetime.timedelta(days=5)
    window = invited_window(world, invited_on=start)
    services.survey_nudges_send(today=start + datetime.timedelta(days=3))
    for response in SurveyResponse.objects.filter(window=window, respondent=Audience.PEER):
        assert response.nudge_count == 0 and nudges(response) == 0


def test_a_finished_response_or_a_closed_window_gets_nothing(world):
    start = TODAY - datetime.timedelta(days=5)
    window = invited_window(world, invited_on=start)
    staff = SurveyResponse.objects.get(window=window, user=world.user("staff"))
    SurveyResponse.objects.filter(pk=staff.pk).update(status=ResponseStatus.SUBMITTED)
    services.survey_nudges_send(today=start + datetime.timedelta(days=3))
    assert nudges(staff) == 0
    family = SurveyResponse.objects.get(window=window, respondent=Audience.FAMILY)
    assert nudges(family) == 1
    services.survey_nudges_send(today=window.closes_on + datetime.timedelta(days=3))
    assert nudges(family) == 1


def test_the_reminder_is_polite_and_names_nobody(world):
    start = TODAY - datetime.timedelta(days=5)
    window = invited_window(world, invited_on=start)
    services.survey_nudges_send(today=start + datetime.timedelta(days=3))
    family = SurveyResponse.objects.get(window=window, respondent=Audience.FAMILY)
    email = OutboxItem.objects.get(key=f"survey-nudge:{family.pk}:0")
    assert email.to == ["fam@family.example.org"]
    assert "gentle reminder" in email.body and "that is fine too" in email.body
    assert "Noah" not in email.body + email.subject
