"""A family's form behind its signed link (no sign-in): the child's first name only, a forged or altered token a
404, a closed window a polite page, a sent response "Thank you" with nothing of the answers shown again; POSTs
rate-limited. And the public symbols page with OpenMoji's credit and licence."""

import datetime

import pytest
from django.core.cache import cache
from django.core.signing import dumps
from django.test import override_settings
from django.urls import reverse

from evaluation.models import QuoteConsent, SurveyAnswer
from evaluation.surveys.family_links import SALT, family_link_token
from evaluation.symbols import ALL_SYMBOLS, OPENMOJI_CREDIT

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("evaluation:family_survey", kwargs={"token": token})


def family_questions(responding):
    survey = responding.family_response.survey
    worth = survey.questions.get(text__startswith="Was the program worth it")
    change = survey.questions.get(text__startswith="What should change")
    return worth, change


def test_the_family_form_shows_the_childs_first_name_only(world, client, responding):
    world.focus_student.preferred_name = ""
    world.focus_student.save()
    page = client.get(url(responding.family_token)).content.decode()
    assert "Was the program worth it for your child?" in page
    assert "Bennett" not in page  # a last name never
    assert "Save and finish later" not in page and "Send my answers" in page


@pytest.mark.parametrize("token", ["x", "abc:def:ghi", dumps({"r": 2**70}, salt=SALT), dumps({"r": "1"}, salt=SALT)])
def test_a_forged_token_is_a_404(world, client, responding, token):
    assert client.get(url(token)).status_code == 404
    assert client.post(url(token), {}).status_code == 404


def test_an_altered_token_or_another_kind_of_response_is_a_404(world, client, responding):
    assert client.get(url(responding.family_token[:-2] + "xx")).status_code == 404
    # A signed link naming a peer's response (not a family's) opens nothing.
    assert client.get(url(family_link_token(responding.peer_response))).status_code == 404


def test_sent_answers_are_never_shown_again(world, client, responding):
    cache.clear()
    worth, change = family_questions(responding)
    client.post(
        url(responding.family_token),
        {f"q{worth.pk}": "yes", f"q{worth.pk}_why": "secretwhy5 she smiles", f"q{change.pk}": "More days"},
    )
    response = responding.family_response
    response.refresh_from_db()
    assert response.is_submitted and response.quote_consent == QuoteConsent.NONE
    page = client.get(url(responding.family_token)).content.decode()
    assert "Thank you, we have your answers" in page
    assert "secretwhy5" not in page and "More days" not in page and "<form" not in page.split("<main")[1]
    # Posting again changes nothing.
    client.post(url(responding.family_token), {f"q{change.pk}": "Changed"})
    assert SurveyAnswer.objects.get(response=response, question=change).text == "More days"


def test_a_family_may_agree_to_be_quoted(world, client, responding):
    cache.clear()
    worth, _change = family_questions(responding)
    client.post(url(responding.family_token), {f"q{worth.pk}": "some", "quote_consent": "on"})
    responding.family_response.refresh_from_db()
    assert responding.family_response.quote_consent == QuoteConsent.FAMILY


def test_bad_input_on_the_family_form(world, client, responding):
    cache.clear()
    worth, _change = family_questions(responding)
    for forged in ("maybe", "1e400", str(2**70)):
        response = client.post(url(responding.family_token), {f"q{worth.pk}": forged})
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not SurveyAnswer.objects.filter(response=responding.family_response).exists()
    responding.family_response.refresh_from_db()
    assert not responding.family_response.is_submitted


def test_a_closed_window_is_a_polite_page(world, client, responding):
    window = responding.evaluation.window
    window.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    window.opens_on = window.closes_on - datetime.timedelta(days=10)
    window.save()
    page = client.get(url(responding.family_token)).content.decode()
    assert "This survey is closed" in page
    client.post(url(responding.family_token), {})
    responding.family_response.refresh_from_db()
    assert not responding.family_response.is_submitted


@override_settings(APPLY_RATE="2/h")
def test_posts_are_rate_limited(world, client, responding):
    cache.clear()
    for _n in range(2):
        client.post(url(responding.family_token), {"q0": "x"})
    assert client.post(url(responding.family_token), {}).status_code == 429
    cache.clear()


def test_the_symbols_page_credits_openmoji(world, client):
    page = client.get(reverse("evaluation:symbols")).content.decode()
    for symbol in ALL_SYMBOLS:
        assert symbol.url in page and str(symbol.label) in page
        assert symbol.url.startswith("/static/vendor/openmoji/")
    assert OPENMOJI_CREDIT in page
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in page
    assert "openmoji.org/" not in page.replace("(openmoji.org)", "")  # never hot-linked
