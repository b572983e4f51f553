"""One student's answers are read by the coordinator, the principal and the student's support team only (others of
the program's leads: 403; a student: 403); a staff member's answers by the program's leads. Quotes: the coordinator
ticks answers only when the student or the family consented (the family's consent given on paper may be recorded);
the program's quotes show no name and the question as written, never with the names filled in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import QuoteConsent, SurveyAnswer, SurveyResponse
from schools.models import AccessLogEntry, Role
from tests.schools.factories import MembershipFactory, UserFactory

from .factories import answer, finish

pytestmark = pytest.mark.django_db


def response_url(response):
    return reverse("evaluation:survey_response", kwargs={"pk": response.pk})


def special_educator(world, username="east.sped"):
    return MembershipFactory(school=world.school, role=Role.SPECIAL_EDUCATOR, user=UserFactory(username=username)).user


def test_the_coordinator_reads_a_students_answers_and_the_look_is_logged(surveys, client_as, world):
    page = client_as(world.user("coordinator")).get(response_url(surveys.student_response))
    html = page.content.decode()
    assert "Noah Bennett" in html and "With support" in html and "Yes" in html
    assert AccessLogEntry.objects.filter(student=world.focus_student, what="survey answers").exists()


def test_the_students_support_team_reads_them_and_no_other_lead(surveys, client_as, world):
    on_team, not_on_team = special_educator(world), special_educator(world, "east.sped2")
    world.focus_student.support_team.add(on_team)
    assert client_as(on_team).get(response_url(surveys.student_response)).status_code == 200
    assert client_as(not_on_team).get(response_url(surveys.student_response)).status_code == 403
    assert client_as(world.user("staff")).get(response_url(surveys.student_response)).status_code == 403
    assert client_as(world.user("focus_student")).get(response_url(surveys.student_response)).status_code == 403


def test_staff_answers_stay_with_the_programs_leads(surveys, client_as, world):
    url = response_url(surveys.staff_response)
    assert client_as(special_educator(world)).get(url).status_code == 200
    assert client_as(world.user("staff")).get(url).status_code == 403
    assert client_as(world.user("peer")).get(url).status_code == 403


def test_the_results_page_lists_agreement_rows_only_for_students_one_may_read(surveys, client_as, world):
    url = reverse("evaluation:survey_results", kwargs={"pk": surveys.base.window.pk})
    assert "Noah Bennett" in client_as(world.user("coordinator")).get(url).content.decode()
    html = client_as(special_educator(world)).get(url).content.decode()
    assert "1 checked" in html and "Noah Bennett" not in html


def quotes_url(response):
    return reverse("evaluation:survey_response_quotes", kwargs={"pk": response.pk})


def words_answer(surveys):
    question = surveys.base.student_reflection.questions.get(answer_type="text", position=2)
    return answer(surveys.student_response, question, text="We build Lego and Sofia laughs")


def test_no_quote_without_consent(surveys, client_as, world):
    chosen = words_answer(surveys)
    response = client_as(world.user("coordinator")).post(
        quotes_url(surveys.student_response), {"form": "quotes", "answers": [chosen.pk]}, follow=True
    )
    assert "neither the student nor the family agreed" in response.content.decode()
    chosen.refresh_from_db()
    assert not chosen.quote_selected


def test_the_familys_consent_on_paper_then_a_quote_shown_without_a_name(surveys, client_as, world):
    chosen = words_answer(surveys)
    client = client_as(world.user("coordinator"))
    client.post(quotes_url(surveys.student_response), {"form": "consent", "family_consented": "on"})
    surveys.student_response.refresh_from_db()
    assert surveys.student_response.quote_consent == QuoteConsent.FAMILY
    client.post(quotes_url(surveys.student_response), {"form": "quotes", "answers": [chosen.pk]})
    chosen.refresh_from_db()
    assert chosen.quote_selected
    html = client.get(reverse("evaluation:survey_quotes", kwargs={"pk": surveys.base.program.pk})).content.decode()
    assert "We build Lego and Sofia laughs" in html
    assert "Noah" not in html and "What do you do together?" in html


def test_a_quote_shows_the_question_as_written_not_with_the_names_filled_in(surveys, client_as, world):
    enjoy = surveys.student_response.answers.get(question__agreement_key="enjoy", question__reverse_keyed=False)
    enjoy.question_text = "Do you like spending time with Sofia and Liam?"
    enjoy.text = "They are kind to me"
    enjoy.quote_selected = True
    enjoy.save()
    SurveyResponse.objects.filter(pk=surveys.student_response.pk).update(quote_consent=QuoteConsent.STUDENT)
    url = reverse("evaluation:survey_quotes", kwargs={"pk": surveys.base.program.pk})
    html = client_as(world.user("coordinator")).get(url).content.decode()
    assert "They are kind to me" in html and "[names of peers]" in html
    assert "Sofia" not in html and "Liam" not in html


def test_the_students_own_consent_allows_quotes_and_withdrawing_the_familys_unselects(surveys, client_as, world):
    chosen = words_answer(surveys)
    SurveyResponse.objects.filter(pk=surveys.student_response.pk).update(quote_consent=QuoteConsent.STUDENT)
    client = client_as(world.user("coordinator"))
    client.post(quotes_url(surveys.student_response), {"form": "quotes", "answers": [chosen.pk]})
    chosen.refresh_from_db()
    assert chosen.quote_selected
    # The student's own consent is not the coordinator's to take back here.
    client.post(quotes_url(surveys.student_response), {"form": "consent"})
    surveys.student_response.refresh_from_db()
    assert surveys.student_response.quote_consent == QuoteConsent.STUDENT
    SurveyResponse.objects.filter(pk=surveys.student_response.pk).update(quote_consent=QuoteConsent.FAMILY)
    client.post(quotes_url(surveys.student_response), {"form": "consent"})
    chosen.refresh_from_db()
    assert not chosen.quote_selected


def test_a_forged_answer_id_is_refused(surveys, client_as, world):
    SurveyResponse.objects.filter(pk=surveys.student_response.pk).update(quote_consent=QuoteConsent.STUDENT)
    other = SurveyAnswer.objects.exclude(response=surveys.student_response).first()
    for forged in (["abc"], ["99999999"], [str(other.pk)] if other else ["-1"]):
        response = client_as(world.user("coordinator")).post(
            quotes_url(surveys.student_response), {"form": "quotes", "answers": forged}, follow=True
        )
        assert response.status_code == 200 and "Choose answers from the list." in response.content.decode()
    assert not SurveyAnswer.objects.filter(quote_selected=True).exists()


def test_only_the_coordinator_chooses_quotes(surveys, client_as, world):
    response = client_as(world.user("school_admin")).post(quotes_url(surveys.student_response), {"form": "quotes"})
    assert response.status_code == 403


def test_the_quotes_list_does_not_grow_in_queries(surveys, client_as, world):
    client = client_as(world.user("coordinator"))
    url = reverse("evaluation:survey_quotes", kwargs={"pk": surveys.base.program.pk})
    SurveyResponse.objects.filter(pk=surveys.student_response.pk).update(quote_consent=QuoteConsent.STUDENT)
    words_answer(surveys)
    surveys.student_response.answers.update(quote_selected=True)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    peer = SurveyResponse.objects.get(window=surveys.base.window, student=surveys.base.other_peer)
    for question in surveys.base.peer_reflection.questions.filter(answer_type="text"):
        answer(peer, question, text="Quoted words")
    finish(peer, quote_consent=QuoteConsent.STUDENT)
    peer.answers.update(quote_selected=True)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert html.count("Quoted words") >= 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_window_page_links_only_the_answers_one_may_read(surveys, client_as, world):
    url = reverse("evaluation:survey_window", kwargs={"pk": surveys.base.window.pk})
    student_link = response_url(surveys.student_response)
    staff_link = response_url(surveys.staff_response)
    html = client_as(world.user("coordinator")).get(url).content.decode()
    assert student_link in html and staff_link in html
    html = client_as(special_educator(world)).get(url).content.decode()
    assert student_link not in html and staff_link in html
