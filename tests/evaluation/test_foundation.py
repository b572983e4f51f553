"""The evaluation foundation: the starter surveys from the guide's Figure 2, the placeholders filled in from the
confirmed pairs (directory opt-out honoured), and the family link's token."""

import pytest

from evaluation import starters
from evaluation.models import AnswerType, Audience, Survey, SurveyKind, SurveyResponse
from evaluation.surveys.family_links import family_link_token, family_response_from_token
from evaluation.surveys.services import surveys_ensure
from evaluation.templating import names_for_student, names_text
from tests.evaluation.factories import east_evaluation

pytestmark = pytest.mark.django_db


def test_the_starters_carry_figure_2(world):
    e = east_evaluation(world)
    peer = e.peer_reflection.questions.order_by("position")
    assert peer.count() == 8  # Figure 2, "For Peers"
    assert peer.first().text == "How would you describe your experiences so far?"
    student = list(e.student_reflection.questions.order_by("position"))
    assert student[0].is_practice
    # The seven questions "For Students with Disabilities", plus the practice and the agreement check.
    assert len([q for q in student if not q.is_practice and not q.reverse_keyed]) == 7
    assert all(q.answer_type in (AnswerType.YES_NO, AnswerType.SCALE3, AnswerType.TEXT) for q in student)
    checks = [q for q in student if q.agreement_key == "enjoy"]
    assert len(checks) == 2 and sum(q.reverse_keyed for q in checks) == 1


def test_surveys_are_given_once(world):
    e = east_evaluation(world)
    count = Survey.objects.filter(program=e.program).count()
    assert count == len(starters.STARTERS)
    e.peer_reflection.delete()  # a deleted starter comes back; an edited one stays as edited
    assert surveys_ensure(program=e.program) == 1
    assert surveys_ensure(program=e.program) == 0


def test_names_fill_in_from_confirmed_pairs(world):
    e = east_evaluation(world)
    sofia = names_for_student(program=e.program, student=world.peer_student)
    assert sofia.fill("Do you consider [name of student] to be a friend?") == "Do you consider Noah to be a friend?"
    noah = names_for_student(program=e.program, student=world.focus_student)
    assert noah.fill("Do you like spending time with [names of peers]?") == (
        "Do you like spending time with Liam and Sofia?"
    )
    world.peer_student.directory_opt_out = True
    world.peer_student.save(update_fields=["directory_opt_out"])
    noah = names_for_student(program=e.program, student=world.focus_student)
    assert noah.fill("Is [names of peers] here?") == "Is Liam and your partner here?"
    assert "Sofia" not in noah.peers


def test_names_text():
    assert names_text([], none="nobody") == "nobody"
    assert names_text(["A", "B", "C", "B"], none="") == "A, B and C"


def test_family_token_names_one_family_response(world):
    e = east_evaluation(world)
    worth = Survey.objects.get(program=e.program, kind=SurveyKind.SOCIAL_VALIDITY, audience=Audience.FAMILY)
    response = SurveyResponse.objects.create(
        program=e.program, survey=worth, window=e.window, respondent=Audience.FAMILY, student=world.focus_student
    )
    token = family_link_token(response)
    assert family_response_from_token(token) == response
    assert family_response_from_token(token[:-2] + "xx") is None
    assert family_response_from_token("garbage") is None
    staff = SurveyResponse.objects.create(
        program=e.program, survey=e.staff_culture, window=e.window, respondent=Audience.STAFF, user=world.user("staff")
    )
    assert family_response_from_token(family_link_token(staff)) is None
