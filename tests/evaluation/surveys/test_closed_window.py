"""``window_accepts_answers``: the check every answer service makes. A closed window accepts nothing more, a window
not open yet nothing yet, a finished response nothing again; a response outside any window until it is finished."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from evaluation.models import ResponseStatus, SurveyResponse
from evaluation.surveys.services import window_accepts_answers

pytestmark = pytest.mark.django_db


def started(surveys, world):
    return SurveyResponse.objects.get(window=surveys.base.window, student=world.peer_student)


def test_an_open_window_accepts_answers(surveys, world):
    response = started(surveys, world)
    window = surveys.base.window
    assert window_accepts_answers(response=response) is None
    assert window_accepts_answers(response=response, today=window.opens_on) is None
    assert window_accepts_answers(response=response, today=window.closes_on) is None


def test_a_closed_window_accepts_nothing_more(surveys, world):
    response = started(surveys, world)
    with pytest.raises(ValidationError, match=r"closed on .*: it accepts no more answers"):
        window_accepts_answers(response=response, today=surveys.base.window.closes_on + datetime.timedelta(days=1))


def test_a_window_not_open_yet_accepts_nothing_yet(surveys, world):
    response = started(surveys, world)
    with pytest.raises(ValidationError, match="opens on"):
        window_accepts_answers(response=response, today=surveys.base.window.opens_on - datetime.timedelta(days=1))


def test_a_finished_response_takes_no_more_answers(surveys):
    with pytest.raises(ValidationError, match="finished"):
        window_accepts_answers(response=surveys.student_response)


def test_a_response_outside_any_window_takes_answers_until_finished(surveys, world):
    exit_response = SurveyResponse.objects.create(
        program=surveys.base.program, survey=surveys.base.peer_reflection, respondent="peer", student=world.peer_student
    )
    assert window_accepts_answers(response=exit_response) is None
    exit_response.status = ResponseStatus.SUBMITTED
    with pytest.raises(ValidationError):
        window_accepts_answers(response=exit_response)
