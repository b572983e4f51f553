"""The results of a window: per question, the count of each answer (with the words of the symbols: Yes, A little,
No) and the words, kept apart for answers given on their own, with support and by a proxy (a response with no
"how", e.g. staff and peers, counts as on their own); practice questions never counted; unfinished responses not
counted; the agreement checks; and a page whose query count does not grow with the rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import AnsweredHow
from evaluation.surveys import selectors
from tests.evaluation.factories import SurveyResponseFactory, SurveyWindowFactory, east_evaluation
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory

from .factories import answer, finish

pytestmark = pytest.mark.django_db


def focus_students(world, program, n):
    students = [world.focus_student]
    for i in range(n - 1):
        student = FocusStudentFactory(school=world.school, first_name=f"Student{i}", last_name=f"Zed{i}")
        ProgramParticipantFactory(program=program, student=student)
        students.append(student)
    return students


def window_with_answers(world, hows):
    """A window of the students' reflection; one finished response per entry of ``hows``, each answering the
    "enjoy" question ``yes``, the practice question ``no`` and the words question."""
    base = east_evaluation(world)
    window = SurveyWindowFactory(program=base.program, term=base.term, name="Results window")
    window.surveys.set([base.student_reflection])
    questions = list(base.student_reflection.questions.order_by("position"))
    practice = next(q for q in questions if q.is_practice)
    enjoy = next(q for q in questions if q.agreement_key == "enjoy" and not q.reverse_keyed)
    reverse_enjoy = next(q for q in questions if q.agreement_key == "enjoy" and q.reverse_keyed)
    words = next(q for q in questions if q.answer_type == "text")
    responses = []
    for student, how in zip(focus_students(world, base.program, len(hows)), hows, strict=True):
        response = SurveyResponseFactory(
            survey=base.student_reflection, window=window, respondent="focus_student", student=student
        )
        answer(response, practice, value="no")
        answer(response, enjoy, value="yes")
        answer(response, reverse_enjoy, value="no")
        answer(response, words, text=f"We play {how or 'alone'}")
        responses.append(finish(response, how=how))
    return window, {"enjoy": enjoy, "practice": practice, "words": words, "reverse": reverse_enjoy}, responses


def result_of(window, question):
    for survey in selectors.window_results(window=window):
        for row in survey.questions:
            if row.question.pk == question.pk:
                return row
    return None


def counts(row, how):
    return {value: count for value, _label, count in row.counts[how]}


def test_support_mode_kept_apart_in_every_figure(world):
    window, q, _responses = window_with_answers(
        world, ["", AnsweredHow.ALONE, AnsweredHow.WITH_SUPPORT, AnsweredHow.PROXY, AnsweredHow.PROXY]
    )
    row = result_of(window, q["enjoy"])
    assert counts(row, AnsweredHow.ALONE) == {"yes": 2, "some": 0, "no": 0}
    assert counts(row, AnsweredHow.WITH_SUPPORT) == {"yes": 1, "some": 0, "no": 0}
    assert counts(row, AnsweredHow.PROXY) == {"yes": 2, "some": 0, "no": 0}
    words = result_of(window, q["words"]).words
    assert sorted(words[AnsweredHow.ALONE]) == ["We play alone", "We play alone"]
    assert words[AnsweredHow.WITH_SUPPORT] == ["We play with_support"]
    assert words[AnsweredHow.PROXY] == ["We play proxy", "We play proxy"]
    finished = selectors.window_results(window=window)[0].finished
    assert finished == {AnsweredHow.ALONE: 2, AnsweredHow.WITH_SUPPORT: 1, AnsweredHow.PROXY: 2}


def test_the_page_shows_each_mode_in_its_own_column_with_the_answers_words(world, client_as):
    window, _q, _responses = window_with_answers(world, [AnsweredHow.ALONE, AnsweredHow.PROXY])
    page = client_as(world.user("coordinator")).get(reverse("evaluation:survey_results", kwargs={"pk": window.pk}))
    html = page.content.decode()
    for label in ("On their own", "With support", "By a proxy"):
        assert label in html
    assert "A little:" in html and "Yes:" in html
    # A way of answering nobody used has no column (its count, 0, is in the survey's summary line).
    columns = re.findall(r'data-how="(\w+)"', html)
    assert set(columns) == {"alone", "proxy"}


def test_practice_questions_are_never_counted(world, client_as):
    window, q, _responses = window_with_answers(world, [AnsweredHow.ALONE])
    assert result_of(window, q["practice"]) is None
    page = client_as(world.user("coordinator")).get(reverse("evaluation:survey_results", kwargs={"pk": window.pk}))
    assert q["practice"].text not in page.content.decode()


def test_unfinished_responses_are_not_counted(world):
    window, q, responses = window_with_answers(world, [AnsweredHow.ALONE, AnsweredHow.ALONE])
    responses[0].status = "in_progress"
    responses[0].save(update_fields=["status"])
    assert counts(result_of(window, q["enjoy"]), AnsweredHow.ALONE)["yes"] == 1


def test_agreement_checks_invert_the_reverse_question(world):
    window, q, responses = window_with_answers(world, [AnsweredHow.ALONE, AnsweredHow.WITH_SUPPORT, AnsweredHow.PROXY])
    # First: yes / (reverse) no → agrees. Second: yes / yes → yes-saying. Third: some / some → agrees.
    responses[1].answers.filter(question=q["reverse"]).update(value="yes")
    responses[2].answers.filter(question=q["enjoy"]).update(value="some")
    responses[2].answers.filter(question=q["reverse"]).update(value="some")
    checks = {c.response.pk: c for c in selectors.agreement_checks(window=window)}
    assert (checks[responses[0].pk].agree, checks[responses[0].pk].yes_saying) == (True, False)
    assert (checks[responses[1].pk].agree, checks[responses[1].pk].yes_saying) == (False, True)
    assert (checks[responses[2].pk].agree, checks[responses[2].pk].yes_saying) == (True, False)


def test_the_results_page_counts_possible_yes_saying(world, client_as):
    window, q, responses = window_with_answers(world, [AnsweredHow.ALONE, AnsweredHow.ALONE])
    responses[1].answers.filter(question=q["reverse"]).update(value="yes")
    html = (
        client_as(world.user("coordinator"))
        .get(reverse("evaluation:survey_results", kwargs={"pk": window.pk}))
        .content.decode()
    )
    assert "2 checked · 1 did not agree · 1 possible yes-saying" in html


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["survey_results", "survey_window"])
def test_query_counts_do_not_grow_with_rows(world, client_as, name):
    window, _q, _responses = window_with_answers(world, [AnsweredHow.ALONE, AnsweredHow.PROXY])
    client = client_as(world.user("coordinator"))
    url = reverse(f"evaluation:{name}", kwargs={"pk": window.pk})
    few = queries(client, url)
    base = east_evaluation(world)
    for student in focus_students(world, base.program, 6)[1:]:
        response = SurveyResponseFactory(
            survey=base.student_reflection, window=window, respondent="focus_student", student=student
        )
        for question in base.student_reflection.questions.all():
            answer(
                response,
                question,
                value="yes" if question.has_symbols else "",
                text="" if question.has_symbols else "Fun",
            )
        finish(response, how=AnsweredHow.WITH_SUPPORT)
    assert queries(client, url) == few


@pytest.mark.parametrize("name", ["survey_windows", "surveys"])
def test_program_lists_do_not_grow_with_rows(world, client_as, name):
    base = east_evaluation(world)
    client = client_as(world.user("coordinator"))
    url = reverse(f"evaluation:{name}", kwargs={"pk": base.program.pk})
    queries(client, url)  # the starters are given on the first visit
    few = queries(client, url)
    for n in range(3):
        window = SurveyWindowFactory(program=base.program, term=base.term, name=f"Extra {n}")
        window.surveys.set([base.peer_reflection, base.staff_culture])
    assert queries(client, url) == few
