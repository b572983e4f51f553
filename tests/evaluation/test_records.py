"""Everything held about a student includes what evaluation holds (answers, goal scales, nominations, check-ins), and
anonymising the student erases their words and the friends they named, keeping the program's counts."""

import datetime

import pytest

from evaluation.models import ContactNomination, GoalRating, GoalScale, PairCheckIn, SurveyAnswer
from schools.privacy.bundle import collect
from schools.privacy.retention import student_anonymise
from tests.evaluation.factories import SurveyAnswerFactory, SurveyResponseFactory, east_evaluation

pytestmark = pytest.mark.django_db

WORDS = "Noah laughed at my joke wordsmarker42"


def _held(world):
    e = east_evaluation(world)
    question = e.student_reflection.questions.get(position=1)
    response = SurveyResponseFactory(survey=e.student_reflection, window=e.window, respondent="focus_student",
                                     student=world.focus_student)
    SurveyAnswerFactory(response=response, question=question, value="yes", text=WORDS)
    scale = GoalScale.objects.create(
        program=e.program, term=e.term, student=world.focus_student, title=f"Greets peers {WORDS}",
        level_minus_2="a", level_minus_1="b", level_0="c", level_plus_1="d", level_plus_2="e",
    )
    GoalRating.objects.create(scale=scale, point="mid", level=1, note=WORDS, rated_on=datetime.date.today())
    ContactNomination.objects.create(window=e.window, nominator=world.focus_student, nominee=world.peer_student,
                                     friend=True)
    PairCheckIn.objects.create(program=e.program, peer=world.peer_student, focus_student=world.focus_student,
                               month=datetime.date.today().replace(day=1), side="peer", going="well",
                               note_to_staff=WORDS)
    return e


def test_the_record_bundle_holds_evaluation_sections(world):
    _held(world)
    collected = {section["name"]: section for section in collect(world.focus_student)}
    for name in ("survey_responses", "survey_answers", "goal_scales", "goal_ratings", "contact_nominations",
                 "pair_check_ins"):
        assert collected[name]["rows"], name
    assert WORDS in str(collected["survey_answers"])


def test_anonymising_erases_words_and_keeps_counts(world):
    _held(world)
    student_anonymise(student=world.focus_student, reason="Retention")
    answer = SurveyAnswer.objects.get(response__student=world.focus_student)
    assert answer.value == "yes" and answer.text == ""
    assert not GoalScale.objects.filter(title__contains=WORDS).exists()
    assert GoalRating.objects.get().level == 1 and GoalRating.objects.get().note == ""
    assert not ContactNomination.objects.exists()
    assert PairCheckIn.objects.get().going == "well" and PairCheckIn.objects.get().note_to_staff == ""
