"""A child under 13 is not asked for their own email. The grade stands for the age: from grade 8 on the form asks
for it; an elementary program's form has no such field; in a 6-8 program the field says who it is for and what a
younger child typed anyway is dropped. Nothing about a younger child's own address is saved or written to."""

import pytest
from django.core import mail
from django.urls import reverse

from recruitment.models import PeerApplication
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory
from tests.schools.factories import SchoolFactory, TermFactory

pytestmark = pytest.mark.django_db


def campaign_at(school, **grades):
    program = ProgramFactory(school=school, name="Peer Connections", **grades)
    return CampaignFactory(program=program, term=TermFactory(school=school), requires_guardian_consent=False)


@pytest.fixture
def middle(world):
    return campaign_at(world.other_school)  # Putnam Middle School, grades 6 to 8


def post(client, campaign, data, capture):
    with capture(execute=True):
        return client.post(reverse("recruitment:apply", kwargs={"pk": campaign.pk}), data)


def answers(application_data, **changes):
    data = {**application_data, **changes}
    data.pop("available_periods")
    return data


def test_an_elementary_programs_form_has_no_email_for_the_child(client, apply_url):
    response = client.get(apply_url)
    assert "email" not in response.context["form"].fields
    assert 'name="email"' not in response.content.decode()
    assert 'name="guardian_email"' in response.content.decode()  # the parent is still asked


def test_an_email_sent_anyway_for_a_grade_4_child_is_not_saved(
    client, campaign, application_data, django_capture_on_commit_callbacks
):
    response = post(client, campaign, application_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert PeerApplication.objects.get(first_name="Ava").email == ""
    assert "ava@student.example.org" not in [address for message in mail.outbox for address in message.to]


def test_a_middle_school_form_says_who_the_email_is_for(client, middle):
    response = client.get(reverse("recruitment:apply", kwargs={"pk": middle.pk}))
    field = response.context["form"].fields["email"]
    assert field.label == "Your email (optional, only if you are in grade 8 or above)"
    html = response.content.decode()
    assert 'data-own-email-from="8"' in html and "js/apply-email.js" in html


@pytest.mark.parametrize("grade", ["6", "7"])
def test_a_child_in_grade_7_or_below_keeps_no_email(
    client, middle, application_data, grade, django_capture_on_commit_callbacks
):
    response = post(client, middle, answers(application_data, grade=grade), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert PeerApplication.objects.get(campaign=middle).email == ""
    assert mail.outbox == []


def test_a_mistyped_email_of_a_younger_child_is_dropped_not_an_error(
    client, middle, application_data, django_capture_on_commit_callbacks
):
    data = answers(application_data, grade="6", email="not an email")
    response = post(client, middle, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert PeerApplication.objects.get(campaign=middle).email == ""


def test_a_grade_8_student_gets_their_copy(client, middle, application_data, django_capture_on_commit_callbacks):
    response = post(client, middle, answers(application_data, grade="8"), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert PeerApplication.objects.get(campaign=middle).email == "ava@student.example.org"
    assert [message.to for message in mail.outbox] == [["ava@student.example.org"]]


def test_a_high_school_form_asks_everyone(client, world):
    high = SchoolFactory(district=world.school.district, name="Riverside High", lowest_grade=9, highest_grade=12)
    campaign = campaign_at(high)
    field = client.get(reverse("recruitment:apply", kwargs={"pk": campaign.pk})).context["form"].fields["email"]
    assert field.label == "Your email (optional)"
