"""The application form speaks to a child: its selects start with a prompt, not "---------", and every message
says in everyday words what to do (no "This field is required." or "Enter a valid email address.")."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DJANGO_WORDS = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid choice", "---------")


def errors(response) -> dict:
    return {name: " ".join(messages) for name, messages in response.context["form"].errors.items()}


def test_the_selects_start_with_a_prompt(client, apply_url):
    html = client.get(apply_url).content.decode()
    assert '<option value="" selected>Pick your grade</option>' in html
    assert '<option value="" selected>Pick one</option>' in html
    assert "---------" not in html


def test_the_nomination_form_has_prompts_too(client_for):
    html = client_for("staff").get(reverse("recruitment:nominate")).content.decode()
    assert "Pick a grade" in html and "Pick a program" in html
    assert "---------" not in html


def test_every_missing_answer_is_named_in_plain_words(client, apply_url):
    found = errors(client.post(apply_url, {}))
    assert found == {
        "first_name": "Please write your first name.",
        "last_name": "Please write your last name.",
        "grade": "Please pick your grade.",
        "homeroom_teacher": "Please write your homeroom teacher's name.",
        "why_join": "Please tell us why you want to join.",
        "heard_via": "Please pick how you heard about us.",
        "guardian_name": "Please write your parent or guardian's name.",
        "guardian_email": "Please write your parent or guardian's email.",
    }


def test_blank_spaces_get_the_same_plain_words(client, apply_url, application_data):
    found = errors(client.post(apply_url, {**application_data, "first_name": "  ", "why_join": "\n"}))
    assert found == {"first_name": "Please write your first name.", "why_join": "Please tell us why you want to join."}


def test_a_bad_email_and_long_answers_are_explained(client, apply_url, application_data):
    found = errors(client.post(apply_url, {
        **application_data, "guardian_email": "grace@", "first_name": "x" * 101, "why_join": "x" * 2001,
        "interests_other": "x" * 301,
    }))
    assert found["guardian_email"] == (
        "That does not look like an email address. It should look like name@example.com."
    )
    assert found["first_name"] == "That is too long. Please keep it under 100 letters and spaces."
    assert found["why_join"] == "That is too long. Please keep it under 2000 letters and spaces."
    assert found["interests_other"] == "That is too long. Please keep it under 300 letters and spaces."


@pytest.mark.parametrize("changes", [
    {},
    {"grade": "12"},
    {"heard_via": "carrier pigeon"},
    {"interests": ["knitting"]},
    {"available_periods": ["999999"]},
    {"available_periods": ["abc"]},
    {"guardian_email": "x" * 250 + "@example.org"},
])
def test_no_message_is_in_djangos_words(client, apply_url, application_data, changes):
    data = {**application_data, **changes} if changes else {}
    response = client.post(apply_url, data)
    assert response.status_code == 200
    text = " ".join(errors(response).values())
    assert text
    for words in DJANGO_WORDS:
        assert words not in text, words
