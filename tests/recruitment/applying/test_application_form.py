"""The public application form: a complete application is saved in full; every bad input gets a plain message on the
form and saves nothing."""

import pytest
from django.urls import reverse

from recruitment.models import GuardianConsent, PeerApplication
from tests.schools.factories import BellScheduleFactory, PeriodFactory, TermFactory

pytestmark = pytest.mark.django_db


def nothing_saved():
    return not PeerApplication.objects.filter(first_name="Ava").exists() and not GuardianConsent.objects.filter(
        guardian_email="grace@family.example.org"
    ).exists()


def test_form_offers_the_programs_grades_and_current_periods(client, apply_url, campaign, world):
    response = client.get(apply_url)
    assert response.status_code == 200
    grades = [value for value, _label in response.context["form"].fields["grade"].choices if value != ""]
    assert grades == list(range(campaign.program.lowest_grade, campaign.program.highest_grade + 1))
    assert list(response.context["form"].fields["available_periods"].queryset) == [world.period]
    assert "no-store" in response["Cache-Control"]


def test_a_complete_application_is_saved(client, apply_url, application_data, campaign, world):
    response = client.post(apply_url, application_data)
    assert response.status_code == 302
    assert response.url == reverse("recruitment:apply_thanks", kwargs={"pk": campaign.pk})
    application = PeerApplication.objects.get(first_name="Ava")
    assert application.campaign == campaign
    assert application.grade == 4
    assert application.interests == ["art", "sports"]
    assert list(application.available_periods.all()) == [world.period]
    assert application.heard_via == "posters"
    assert application.status == PeerApplication.Status.SUBMITTED
    assert application.consent.status == GuardianConsent.Status.PENDING
    thanks = client.get(response.url)
    assert "We got your application" in thanks.content.decode()
    assert "We emailed your parent or guardian" in thanks.content.decode()


def test_an_empty_form_names_every_missing_answer(client, apply_url):
    response = client.post(apply_url, {})
    assert response.status_code == 200
    errors = response.context["form"].errors
    for name in ("first_name", "last_name", "grade", "homeroom_teacher", "why_join", "heard_via", "guardian_name",
                 "guardian_email"):
        assert name in errors, name
    assert "Please check the answers marked below." in response.content.decode()
    assert not PeerApplication.objects.filter(campaign__program__name="Lunch Buddies").exclude(
        first_name="Liam").exists()


def test_blank_spaces_are_not_an_answer(client, apply_url, application_data):
    response = client.post(apply_url, {**application_data, "first_name": "   ", "why_join": " \n "})
    assert response.status_code == 200
    assert {"first_name", "why_join"} <= set(response.context["form"].errors)
    assert nothing_saved()


@pytest.mark.parametrize(
    "field,length",
    [("first_name", 101), ("last_name", 101), ("homeroom_teacher", 101), ("interests_other", 301),
     ("why_join", 2001), ("prior_experience", 2001), ("guardian_name", 201)],
)
def test_oversized_answers_are_refused(client, apply_url, application_data, field, length):
    response = client.post(apply_url, {**application_data, field: "x" * length})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert nothing_saved()


def test_bad_email_addresses_are_refused(client, older_apply_url, older_application_data):
    response = client.post(older_apply_url, {**older_application_data, "email": "not an email",
                                             "guardian_email": "grace@"})
    assert {"email", "guardian_email"} <= set(response.context["form"].errors)
    assert nothing_saved()


def test_markup_is_stored_as_text_and_shown_escaped(client, client_for, apply_url, application_data, campaign):
    markup = '<script>alert("hi")</script><b>Ava</b>'
    response = client.post(apply_url, {**application_data, "why_join": markup, "interests_other": "<img src=x>"})
    assert response.status_code == 302
    application = PeerApplication.objects.get(first_name="Ava")
    assert application.why_join == markup
    assert application.interests_other == "<img src=x>"


def test_markup_in_an_invalid_form_is_escaped_when_shown_again(client, apply_url, application_data):
    response = client.post(apply_url, {**application_data, "homeroom_teacher": "<script>x()</script>", "grade": ""})
    body = response.content.decode()
    assert "<script>x()</script>" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "field,value",
    [
        ("grade", "9"),  # East teaches K-5
        ("grade", "fourth"),
        ("interests", ["art", "hacking"]),
        ("heard_via", "billboard"),
        ("available_periods", ["999999"]),
        ("available_periods", ["lunch"]),
    ],
)
def test_forged_choices_are_refused(client, apply_url, application_data, field, value):
    response = client.post(apply_url, {**application_data, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert nothing_saved()


def test_a_period_of_another_school_is_refused(client, apply_url, application_data, world):
    putnam_term = TermFactory(school=world.other_school)
    putnam_lunch = PeriodFactory(schedule=BellScheduleFactory(school=world.other_school, term=putnam_term))
    response = client.post(apply_url, {**application_data, "available_periods": [str(putnam_lunch.pk)]})
    assert "available_periods" in response.context["form"].errors
    assert "Please pick times from the list on the page." in response.content.decode()
    assert nothing_saved()


def test_guardian_fields_are_optional_when_the_campaign_needs_no_consent(client, apply_url, application_data,
                                                                           campaign):
    campaign.requires_guardian_consent = False
    campaign.save()
    data = {k: v for k, v in application_data.items() if not k.startswith("guardian")}
    assert client.post(apply_url, data).status_code == 302
    application = PeerApplication.objects.get(first_name="Ava")
    assert not GuardianConsent.objects.filter(application=application).exists()


def test_a_guardian_is_required_when_the_campaign_needs_consent(client, apply_url, application_data):
    data = {**application_data, "guardian_name": "", "guardian_email": ""}
    response = client.post(apply_url, data)
    assert {"guardian_name", "guardian_email"} <= set(response.context["form"].errors)
    assert nothing_saved()
