"""The standard one-page form (peers, staff): each question as asked (names filled in from the confirmed pairs, an
opted-out partner "your partner"), symbols on yes/no and 3-point answers, save and resume, send, and nobody else's
response reachable; bad input refused with a message and nothing saved."""

import datetime

import pytest
from django.urls import reverse

from evaluation.models import QuoteConsent, ResponseStatus, SurveyAnswer
from evaluation.symbols import ANSWER_SYMBOLS

pytestmark = pytest.mark.django_db


def url(response):
    return reverse("evaluation:answer", kwargs={"pk": response.pk})


def question(survey, starts):
    return survey.questions.get(text__startswith=starts)


def test_the_questions_are_asked_with_the_partner_named(world, responding, client_for):
    page = client_for("peer").get(url(responding.peer_response)).content.decode()
    assert "Has this been a beneficial experience for Noah?" in page
    assert "[name of student]" not in page
    assert "Save and finish later" in page and "Send my answers" in page
    assert ANSWER_SYMBOLS["yes"].url in page and ANSWER_SYMBOLS["some"].url in page
    assert "May we share your words without your name?" in page


def test_a_partner_whose_family_opted_out_is_your_partner(world, responding, client_for):
    world.focus_student.directory_opt_out = True
    world.focus_student.save(update_fields=["directory_opt_out"])
    page = client_for("peer").get(url(responding.peer_response)).content.decode()
    assert "Has this been a beneficial experience for your partner?" in page
    assert "Noah" not in page


def answers_of(responding):
    survey = responding.evaluation.peer_reflection
    enjoyed = question(survey, "Did you enjoy")
    friend = question(survey, "Do you consider")
    describe = question(survey, "How would you describe")
    return enjoyed, friend, describe


def test_save_and_finish_later_then_resume_then_send(world, responding, client_for):
    client = client_for("peer")
    enjoyed, friend, describe = answers_of(responding)
    response = client.post(
        url(responding.peer_response),
        {f"q{enjoyed.pk}": "some", f"q{enjoyed.pk}_why": "Lunch is fun", f"q{describe.pk}": "Good", "action": "save"},
    )
    assert response.status_code == 302 and response.url == reverse("evaluation:my_surveys")
    saved = responding.peer_response
    saved.refresh_from_db()
    assert saved.status == ResponseStatus.IN_PROGRESS and saved.position == 2
    answer = SurveyAnswer.objects.get(response=saved, question=enjoyed)
    assert (answer.value, answer.text) == ("some", "Lunch is fun")
    assert answer.question_text == "Did you enjoy serving in this role? In what ways?"
    # Back later: the answers are there.
    page = client.get(url(saved)).content.decode()
    assert "Lunch is fun" in page and 'value="some" checked' in page
    # My surveys lists it as started, with a "Carry on" link.
    mine = client.get(reverse("evaluation:my_surveys")).content.decode()
    assert "Carry on" in mine and url(saved) in mine

    client.post(url(saved), {f"q{friend.pk}": "yes", "quote_consent": "on", "action": "send"})
    saved.refresh_from_db()
    assert saved.status == ResponseStatus.SUBMITTED and saved.quote_consent == QuoteConsent.STUDENT
    assert SurveyAnswer.objects.filter(response=saved).count() == 3
    assert SurveyAnswer.objects.get(response=saved, question=friend).question_text == (
        "Do you consider Noah to be a friend?"
    )
    # Sent: thanks, the contacts question, and no form.
    page = client.get(url(saved)).content.decode()
    assert "Thank you" in page and "Send my answers" not in page
    assert reverse("evaluation:contacts", kwargs={"pk": saved.pk}) in page
    # Posting again changes nothing.
    client.post(url(saved), {f"q{friend.pk}": "no", "action": "send"})
    assert SurveyAnswer.objects.get(response=saved, question=friend).value == "yes"


def test_staff_answer_their_own_survey_without_a_quote_question(world, responding, client_for):
    client = client_for("coordinator")
    page = client.get(url(responding.staff_response)).content.decode()
    assert "How welcoming are peers" in page and "Very welcoming" in page
    assert "May we share your words" not in page
    welcoming = question(responding.evaluation.staff_culture, "How welcoming")
    client.post(url(responding.staff_response), {f"q{welcoming.pk}": "Very welcoming", "action": "send"})
    responding.staff_response.refresh_from_db()
    assert responding.staff_response.is_submitted
    assert responding.staff_response.quote_consent == QuoteConsent.NONE


@pytest.mark.parametrize("role", ["focus_student", "staff", "coordinator", "school_admin", "other_coordinator"])
def test_nobody_else_reaches_a_peers_response(world, responding, client_for, role):
    assert client_for(role).get(url(responding.peer_response)).status_code == 404
    assert client_for(role).post(url(responding.peer_response), {"action": "send"}).status_code == 404
    assert client_for("peer").get(url(responding.other_peer_response)).status_code == 404


def test_a_peer_never_sees_another_peers_answers(world, responding, client_for):
    from tests.evaluation.factories import OTHER_PEER_MARKER

    client = client_for("peer")
    for page in (reverse("evaluation:my_surveys"), url(responding.peer_response), reverse("dashboard")):
        assert OTHER_PEER_MARKER not in client.get(page).content.decode()


def test_a_focus_students_response_goes_to_the_accessible_form(world, responding, client_for):
    response = client_for("focus_student").get(url(responding.student_response))
    assert response.status_code == 302
    assert response.url == reverse("evaluation:student_survey", kwargs={"pk": responding.student_response.pk})


@pytest.mark.parametrize(
    "forged",
    [
        {"value": "maybe"},
        {"value": "9" * 30},
        {"value": "1e400"},
    ],
)
def test_a_value_not_offered_is_refused_and_nothing_is_saved(world, responding, client_for, forged):
    enjoyed, friend, describe = answers_of(responding)
    response = client_for("peer").post(
        url(responding.peer_response),
        {f"q{enjoyed.pk}": "yes", f"q{friend.pk}": forged["value"], f"q{describe.pk}": "Fine", "action": "send"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SurveyAnswer.objects.filter(response=responding.peer_response).exists()
    responding.peer_response.refresh_from_db()
    assert responding.peer_response.status == ResponseStatus.NOT_STARTED


def test_a_forged_question_id_is_ignored(world, responding, client_for):
    other_survey_question = question(responding.evaluation.student_reflection, "Do you like working")
    response = client_for("peer").post(
        url(responding.peer_response),
        {f"q{other_survey_question.pk}": "yes", "q99999999999999999999": "yes", "action": "save"},
    )
    assert response.status_code == 302
    assert not SurveyAnswer.objects.filter(question=other_survey_question).exists()


def test_a_closed_window_takes_no_answers(world, responding, client_for):
    window = responding.evaluation.window
    window.opens_on = datetime.date.today() - datetime.timedelta(days=30)
    window.closes_on = datetime.date.today() - datetime.timedelta(days=2)
    window.save()
    client = client_for("peer")
    enjoyed, _friend, _describe = answers_of(responding)
    page = client.get(url(responding.peer_response)).content.decode()
    assert "This survey is closed" in page
    client.post(url(responding.peer_response), {f"q{enjoyed.pk}": "yes", "action": "send"})
    assert not SurveyAnswer.objects.filter(response=responding.peer_response).exists()
    # And it is off "My surveys".
    assert url(responding.peer_response) not in client.get(reverse("evaluation:my_surveys")).content.decode()


def test_the_dashboard_lists_surveys_to_answer(world, responding, client_for):
    page = client_for("peer").get(reverse("dashboard")).content.decode()
    assert "Surveys to answer" in page and url(responding.peer_response) in page
    page = client_for("focus_student").get(reverse("dashboard")).content.decode()
    assert reverse("evaluation:student_survey", kwargs={"pk": responding.student_response.pk}) in page


def test_my_surveys_runs_the_same_queries_whatever_the_number(
    world, responding, client_for, django_assert_max_num_queries
):
    client = client_for("coordinator")
    client.get(reverse("evaluation:my_surveys"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("evaluation:my_surveys"))
    from tests.evaluation.factories import SurveyResponseFactory, SurveyWindowFactory

    ev = responding.evaluation
    for n in range(4):
        window = SurveyWindowFactory(program=ev.program, term=ev.term, name=f"Extra {n}")
        SurveyResponseFactory(
            survey=ev.staff_culture, window=window, respondent="staff", user=world.user("coordinator")
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("evaluation:my_surveys")).content.decode()
    assert page.count("Open until") == 5
