"""The coordinator's survey pages: the program's surveys (the Figure 2 starters given once, credited), adding a
survey, and a survey's questions: add, edit, move, retire and ask again, the preview with the names filled in. Each
bad input is said on the form and nothing is saved; answers already given keep the words they answered."""

import pytest
from django.urls import reverse

from evaluation.models import Survey, SurveyAnswer, SurveyQuestion
from evaluation.starters import FIGURE_2_CREDIT

pytestmark = pytest.mark.django_db


def survey_url(survey):
    return reverse("evaluation:survey", kwargs={"pk": survey.pk})


def good_question(**changes):
    data = {"text": "Did you have fun at lunch?", "answer_type": "yes_no", "choices": "", "agreement_key": ""}
    data.update(changes)
    return data


def test_the_program_page_lists_the_starters_once_with_the_credit(surveys, client_as, world):
    program = surveys.base.program
    client = client_as(world.user("coordinator"))
    url = reverse("evaluation:surveys", kwargs={"pk": program.pk})
    first = client.get(url)
    client.get(url)
    page = first.content.decode()
    assert "Reflection for peer partners" in page and "Reflection for students" in page
    assert FIGURE_2_CREDIT in page
    assert Survey.objects.filter(program=program, starter="reflection_peer").count() == 1


def test_a_new_survey_is_added_and_opens_for_its_questions(surveys, client_as, world):
    program = surveys.base.program
    client = client_as(world.user("coordinator"))
    response = client.post(
        reverse("evaluation:surveys", kwargs={"pk": program.pk}),
        {"title": "Lunch club check", "kind": "social_validity", "audience": "staff", "introduction": ""},
    )
    survey = Survey.objects.get(program=program, title="Lunch club check")
    assert response.url == survey_url(survey)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "kind": "reflection", "audience": "peer"}, "Give the survey a title."),
        ({"title": "X", "kind": "nonsense", "audience": "peer"}, "Choose a kind from the list."),
        ({"title": "X", "kind": "reflection", "audience": "parents"}, "Choose who answers it from the list."),
        ({"title": "X" * 201, "kind": "reflection", "audience": "peer"}, "at most 200 characters"),
    ],
)
def test_a_bad_survey_is_refused_with_a_message(surveys, client_as, world, data, message):
    program = surveys.base.program
    before = Survey.objects.count()
    response = client_as(world.user("coordinator")).post(reverse("evaluation:surveys", kwargs={"pk": program.pk}), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Survey.objects.count() == before


def test_a_question_is_added_at_the_end(surveys, client_as, world):
    survey = surveys.base.peer_reflection
    client = client_as(world.user("coordinator"))
    response = client.post(survey_url(survey), good_question(asks_why="on"))
    assert response.status_code == 302
    last = SurveyQuestion.objects.filter(survey=survey).order_by("-position").first()
    assert (last.text, last.answer_type, last.asks_why) == ("Did you have fun at lunch?", "yes_no", True)


def test_a_choice_question_keeps_its_options_one_per_line(surveys, client_as, world):
    survey = surveys.base.peer_reflection
    client_as(world.user("coordinator")).post(
        survey_url(survey), good_question(answer_type="choice", choices="Lunch\r\n\r\n Recess \nArt")
    )
    question = SurveyQuestion.objects.get(survey=survey, text="Did you have fun at lunch?")
    assert question.choices == ["Lunch", "Recess", "Art"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": ""}, "Write the question."),
        ({"text": "x" * 301}, "at most 300 characters"),
        ({"answer_type": "essay"}, "Choose a kind of answer from the list."),
        ({"answer_type": "choice", "choices": "Only one"}, "Give at least two options, one per line."),
        ({"answer_type": "choice", "choices": "A\nA"}, "Each option once, please."),
        ({"answer_type": "text", "asks_why": "on"}, "Only a yes/no or 3-point question can also ask why."),
        ({"answer_type": "text", "is_practice": "on"}, "A practice question is answered yes/no or on the 3 points."),
        ({"reverse_keyed": "on"}, "Give the agreement check&#x27;s key first"),
        ({"answer_type": "text", "agreement_key": "fun"}, "An agreement check pairs two yes/no or 3-point questions."),
        ({"is_practice": "on", "agreement_key": "fun"}, "A practice question is never counted"),
    ],
)
def test_a_bad_question_is_refused_with_a_message_and_nothing_saved(surveys, client_as, world, changes, message):
    survey = surveys.base.peer_reflection
    before = SurveyQuestion.objects.filter(survey=survey).count()
    response = client_as(world.user("coordinator")).post(survey_url(survey), good_question(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SurveyQuestion.objects.filter(survey=survey).count() == before


def test_an_agreement_check_pairs_two_questions_not_three(surveys, client_as, world):
    survey = surveys.base.student_reflection  # the starter already asks "enjoy" both ways
    response = client_as(world.user("coordinator")).post(survey_url(survey), good_question(agreement_key="Enjoy"))
    assert "Two questions already use this key" in response.content.decode()


def test_editing_changes_the_question_not_the_answers_given(surveys, client_as, world):
    question = surveys.base.student_reflection.questions.get(agreement_key="enjoy", reverse_keyed=False)
    given = SurveyAnswer.objects.get(response=surveys.student_response, question=question)
    client = client_as(world.user("coordinator"))
    data = {"text": "Do you enjoy lunch with [names of peers]?", "answer_type": "scale3", "agreement_key": "enjoy"}
    response = client.post(reverse("evaluation:survey_question_edit", kwargs={"pk": question.pk}), data)
    assert response.status_code == 302
    question.refresh_from_db()
    given.refresh_from_db()
    assert question.text == "Do you enjoy lunch with [names of peers]?"
    assert given.question_text != question.text and given.value == "yes"


def test_an_answered_question_keeps_its_kind_of_answer(surveys, client_as, world):
    question = surveys.base.student_reflection.questions.get(agreement_key="enjoy", reverse_keyed=False)
    response = client_as(world.user("coordinator")).post(
        reverse("evaluation:survey_question_edit", kwargs={"pk": question.pk}),
        {"text": question.text, "answer_type": "yes_no", "agreement_key": "enjoy"},
    )
    assert "People have already answered this question" in response.content.decode()
    question.refresh_from_db()
    assert question.answer_type == "scale3"


def test_move_retire_and_ask_again(surveys, client_as, world):
    survey = surveys.base.peer_reflection
    first, second = list(survey.questions.order_by("position", "pk"))[:2]
    client = client_as(world.user("coordinator"))
    client.post(reverse("evaluation:survey_question_move", kwargs={"pk": first.pk}), {"direction": "down"})
    assert list(survey.questions.order_by("position", "pk"))[:2] == [second, first]
    client.post(reverse("evaluation:survey_question_retire", kwargs={"pk": first.pk}))
    first.refresh_from_db()
    assert not first.is_active
    page = client.get(survey_url(survey)).content.decode()
    assert "Ask again" in page and "Retired" in page
    client.post(reverse("evaluation:survey_question_retire", kwargs={"pk": first.pk}), {"ask": "1"})
    first.refresh_from_db()
    assert first.is_active


def test_the_preview_fills_the_names_of_an_example_respondent(surveys, client_as, world):
    page = client_as(world.user("coordinator")).get(survey_url(surveys.base.peer_reflection)).content.decode()
    # Liam is the first active peer by last name (Osei before Ramirez); his partner is Noah.
    assert "What changes have you noticed in Noah?" in page


def test_the_preview_honours_the_directory_opt_out(surveys, client_as, world):
    world.focus_student.directory_opt_out = True
    world.focus_student.save(update_fields=["directory_opt_out"])
    page = client_as(world.user("coordinator")).get(survey_url(surveys.base.peer_reflection)).content.decode()
    assert "What changes have you noticed in your partner?" in page


def test_another_programs_survey_is_not_found(surveys, client_as, world):
    from evaluation.surveys.services import surveys_ensure
    from tests.programs.factories import ProgramFactory

    putnam = ProgramFactory(school=world.other_school, name="Putnam Pals")
    surveys_ensure(program=putnam)
    other = Survey.objects.filter(program=putnam).first()
    assert client_as(world.user("coordinator")).get(survey_url(other)).status_code == 404


def test_a_response_to_a_retired_question_stays(surveys):
    # Retiring only stops asking: the answers given stay with their question.
    question = surveys.base.student_reflection.questions.get(agreement_key="enjoy", reverse_keyed=False)
    from evaluation.surveys.services import question_retire

    question_retire(question=question, asked=False)
    assert SurveyAnswer.objects.filter(question=question).count() == 1


def test_a_survey_is_renamed_and_put_out_of_use(surveys, client_as, world):
    survey = surveys.base.peer_reflection
    client = client_as(world.user("coordinator"))
    response = client.post(
        survey_url(survey), {"form": "survey", "title": "Peer reflection, fall", "introduction": "Thank you!"}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.introduction, survey.is_active) == ("Peer reflection, fall", "Thank you!", False)
    page = client.get(reverse("evaluation:survey_window_add", kwargs={"pk": survey.program_id})).content.decode()
    assert "Peer reflection, fall" not in page  # a new window does not offer it


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": ""}, "Give the survey a title."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "Ok", "introduction": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_a_bad_survey_change_is_refused_and_nothing_saved(surveys, client_as, world, data, message):
    survey = surveys.base.peer_reflection
    response = client_as(world.user("coordinator")).post(
        survey_url(survey), {"form": "survey", "is_active": "on", **data}
    )
    assert response.status_code == 200 and message in response.content.decode()
    survey.refresh_from_db()
    assert survey.title == "Reflection for peer partners" and survey.is_active
    assert '<h1 class="h3 mb-1">Reflection for peer partners</h1>' in response.content.decode()
