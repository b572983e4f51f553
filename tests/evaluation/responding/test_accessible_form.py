"""The accessible student version: one question per screen (the practice question first), the same symbol for the
same answer on every question, every answer saved on its own POST, a stopped survey resuming at the first unanswered
question, how it was answered recorded (and required before a staff member may enter answers), a closed window
refusing, the agreement check; bad input refused with a message and nothing saved."""

import datetime
import re

import pytest
from django.urls import reverse

from evaluation.models import AnsweredHow, QuoteConsent, ResponseStatus, SupportMode, SurveyAnswer
from evaluation.responding import selectors, services
from evaluation.symbols import ANSWER_SYMBOLS
from tests.schools.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(response, q=None):
    base = reverse("evaluation:student_survey", kwargs={"pk": response.pk})
    return base if q is None else f"{base}?q={q}"


def questions(responding):
    return selectors.accessible_questions(responding.student_response)


def answer(client, responding, index, value="", **extra):
    question = questions(responding)[index]
    return client.post(url(responding.student_response), {"question": question.pk, "value": value, **extra})


def test_one_question_per_screen_the_practice_first(world, responding, client_for):
    page = client_for("focus_student").get(url(responding.student_response)).content.decode()
    assert "Practice question" in page and "Question 1 of 9" in page
    assert "Is a dog an animal?" in page
    assert page.count("<h1") == 1
    assert "Do you like spending time" not in page
    assert "Read aloud" in page and "evaluation-read-aloud.js" in page
    assert reverse("evaluation:symbols") in page


def test_each_answer_has_the_same_symbol_on_every_question(world, responding, client_for):
    client = client_for("focus_student")
    seen = {}
    for index in range(len(questions(responding))):
        page = client.get(url(responding.student_response, index)).content.decode()
        for value, symbol in re.findall(r'name="value" value="(\w+)".*?data-symbol="(\w+)"', page, re.S):
            seen.setdefault(value, set()).add(symbol)
    assert seen == {value: {symbol.openmoji} for value, symbol in ANSWER_SYMBOLS.items()}


def test_answers_are_saved_one_by_one_and_resume_at_the_first_unanswered(world, responding, client_for):
    client = client_for("focus_student")
    assert answer(client, responding, 0, "yes").url == url(responding.student_response, 1)
    # "Do you like spending time with Liam and Sofia?" asks why: the answer is marked, the "why" box waits.
    page = client.get(url(responding.student_response, 1)).content.decode()
    assert "Do you like spending time with Liam and Sofia?" in page
    assert answer(client, responding, 1, "some").url == url(responding.student_response, 1)
    answer(client, responding, 1, "", text="We play cards", action="next")
    row = SurveyAnswer.objects.get(response=responding.student_response, question=questions(responding)[1])
    assert (row.value, row.text) == ("some", "We play cards")
    assert row.question_text == "Do you like spending time with Liam and Sofia?"
    # Stop for now.
    stopped = answer(client, responding, 2, "", text="Lunch", action="stop")
    assert stopped.url == reverse("evaluation:my_surveys")
    response = responding.student_response
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS and response.position == 3
    assert response.answered_how == AnsweredHow.ALONE
    # Next time: question 4 of 9.
    page = client.get(url(response)).content.decode()
    assert "Question 4 of 9" in page and "Do you like working together?" in page


def test_the_end_asks_to_share_words_and_sends(world, responding, client_for):
    client = client_for("focus_student")
    for index, question in enumerate(questions(responding)):
        answer(client, responding, index, question.values[0] if question.values else "", text="ok")
    page = client.get(url(responding.student_response)).content.decode()
    assert "May we share your words without your name?" in page
    client.post(url(responding.student_response), {"form": "finish", "quote_consent": "yes"})
    response = responding.student_response
    response.refresh_from_db()
    assert response.is_submitted and response.quote_consent == QuoteConsent.STUDENT
    page = client.get(url(response)).content.decode()
    assert "Thank you!" in page and 'name="value"' not in page
    assert reverse("evaluation:contacts", kwargs={"pk": response.pk}) in page
    # A sent survey takes nothing more.
    answer(client, responding, 1, "no")
    assert SurveyAnswer.objects.get(response=response, question=questions(responding)[1]).value == "yes"


def test_staff_first_say_how_the_student_is_answering(world, responding, client_for):
    client = client_for("coordinator")
    page = client.get(url(responding.student_response)).content.decode()
    assert "How is Noah answering today?" in page and "I am answering as a proxy" in page
    # No answer before that.
    answer(client, responding, 0, "yes")
    assert not SurveyAnswer.objects.filter(response=responding.student_response).exists()
    # "With support" needs the support ticked.
    page = client.post(url(responding.student_response), {"form": "how", "answered_how": "with_support"})
    assert "Tick the support being used." in page.content.decode()
    client.post(
        url(responding.student_response),
        {"form": "how", "answered_how": "with_support", "support_modes": ["read_aloud", "aac"]},
    )
    response = responding.student_response
    response.refresh_from_db()
    assert response.answered_how == AnsweredHow.WITH_SUPPORT
    assert response.support_modes == [SupportMode.READ_ALOUD, SupportMode.AAC]
    assert response.supported_by == world.user("coordinator")
    assert "Question 1 of 9" in client.get(url(response)).content.decode()
    answer(client, responding, 0, "yes")
    assert SurveyAnswer.objects.filter(response=response).count() == 1


def test_a_proxy_is_recorded_and_gives_no_quote_consent(world, responding, client_for):
    client = client_for("coordinator")
    client.post(
        url(responding.student_response),
        {"form": "how", "answered_how": "proxy", "supported_by_other": "parent"},
    )
    response = responding.student_response
    response.refresh_from_db()
    assert (response.answered_how, response.supported_by_other) == (AnsweredHow.PROXY, "parent")
    page = client.get(url(response, len(questions(responding)))).content.decode()
    assert "May we share your words" not in page and "Send the answers" in page
    client.post(url(response), {"form": "finish", "quote_consent": "yes"})
    response.refresh_from_db()
    assert response.is_submitted and response.quote_consent == QuoteConsent.NONE


def test_the_student_may_say_someone_is_helping(world, responding, client_for):
    client = client_for("focus_student")
    page = client.get(url(responding.student_response) + "?how=1").content.decode()
    assert "Someone is helping me" in page and "proxy" not in page
    client.post(
        url(responding.student_response),
        {"form": "how", "answered_how": "with_support", "support_modes": ["pointing"], "supported_by_other": "my mom"},
    )
    response = responding.student_response
    response.refresh_from_db()
    assert (response.answered_how, response.support_modes, response.supported_by_other) == (
        AnsweredHow.WITH_SUPPORT,
        ["pointing"],
        "my mom",
    )
    # A student can't record a proxy.
    client.post(url(response), {"form": "how", "answered_how": "proxy"})
    response.refresh_from_db()
    assert response.answered_how == AnsweredHow.WITH_SUPPORT


def test_a_member_of_the_support_team_may_support_a_teacher_off_it_may_not(world, responding, client_for, client_as):
    assert client_for("staff").get(url(responding.student_response)).status_code == 404
    assert client_for("peer").get(url(responding.student_response)).status_code == 404
    para = UserFactory(username="east.para")
    MembershipFactory(school=world.school, role="paraprofessional", user=para)
    assert client_as(para).get(url(responding.student_response)).status_code == 404
    world.focus_student.support_team.add(para)
    assert client_as(para).get(url(responding.student_response)).status_code == 200


def test_a_closed_window_refuses(world, responding, client_for):
    window = responding.evaluation.window
    window.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    window.opens_on = window.closes_on - datetime.timedelta(days=10)
    window.save()
    client = client_for("focus_student")
    assert "This survey is closed" in client.get(url(responding.student_response)).content.decode()
    answer(client, responding, 0, "yes")
    assert not SurveyAnswer.objects.filter(response=responding.student_response).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"value": "maybe"},
        {"value": "some"},  # the practice question is yes/no: "a little" is not offered
        {"question": "abc", "value": "yes"},
        {"question": str(2**70), "value": "yes"},
        {"question": "-1", "value": "yes"},
        {"action": "explode", "value": "yes"},
    ],
)
def test_bad_input_is_a_message_and_nothing_is_saved(world, responding, client_for, data):
    client = client_for("focus_student")
    practice = questions(responding)[0]
    response = client.post(url(responding.student_response), {"question": practice.pk, **data}, follow=True)
    assert response.status_code == 200
    assert response.context["messages"] and any(m.level_tag == "error" for m in response.context["messages"])
    assert not SurveyAnswer.objects.filter(response=responding.student_response).exists()


def test_a_question_of_another_survey_is_refused(world, responding, client_for):
    peer_question = responding.evaluation.peer_reflection.questions.filter(answer_type="scale3").first()
    response = client_for("focus_student").post(
        url(responding.student_response), {"question": peer_question.pk, "value": "yes"}, follow=True
    )
    assert "That question is not in this survey." in response.content.decode()
    assert not SurveyAnswer.objects.filter(question=peer_question).exists()


def test_the_service_refuses_a_value_not_offered_and_another_surveys_question(world, responding):
    from django.core.exceptions import ValidationError

    practice = questions(responding)[0]
    with pytest.raises(ValidationError):
        services.answer_save(response=responding.student_response, answer=services.Answer(practice.pk, value="some"))
    peer_question = responding.evaluation.peer_reflection.questions.first()
    with pytest.raises(ValidationError):
        services.answer_save(response=responding.student_response, answer=services.Answer(peer_question.pk, "yes"))
    assert (
        not SurveyAnswer.objects.exists()
        or not SurveyAnswer.objects.filter(response=responding.student_response).exists()
    )


def test_two_taps_make_one_answer(world, responding):
    practice = questions(responding)[0]
    services.answer_save(response=responding.student_response, answer=services.Answer(practice.pk, value="yes"))
    services.answer_save(response=responding.student_response, answer=services.Answer(practice.pk, value="yes"))
    assert SurveyAnswer.objects.filter(response=responding.student_response).count() == 1


def agreement_answers(responding, liked, boring):
    by_key = [q for q in questions(responding) if q.agreement_key == "enjoy"]
    straight = next(q for q in by_key if not q.reverse_keyed)
    reverse_q = next(q for q in by_key if q.reverse_keyed)
    for question, value in ((straight, liked), (reverse_q, boring)):
        services.answer_save(response=responding.student_response, answer=services.Answer(question.pk, value=value))


@pytest.mark.parametrize(
    ("liked", "boring", "agrees"),
    [("yes", "no", True), ("some", "some", True), ("no", "yes", True), ("yes", "yes", False), ("no", "no", False)],
)
def test_the_agreement_check(world, responding, liked, boring, agrees):
    assert selectors.agreement_of(responding.student_response) == [("enjoy", None)]
    agreement_answers(responding, liked, boring)
    assert selectors.agreement_of(responding.student_response) == [("enjoy", agrees)]


def test_staff_see_possible_yes_saying(world, responding, client_for):
    client = client_for("coordinator")
    client.post(url(responding.student_response), {"form": "how", "answered_how": "alone"})
    agreement_answers(responding, "yes", "yes")
    services.response_finish(response=responding.student_response)
    page = client.get(url(responding.student_response)).content.decode()
    assert "Possible yes-saying: answered yes both ways" in page
    assert "Is spending time with Liam and Sofia boring?" in page
    # The student sees their thanks, not the check.
    assert "yes-saying" not in client_for("focus_student").get(url(responding.student_response)).content.decode()
