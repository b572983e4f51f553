"""The application form offers the program's grades, not the whole school's: a grades 3-5 program at a K-5 school
offers grades 3 to 5, and any other grade sent (a younger child, a forged value) is a plain form error."""

import pytest
from django.urls import reverse

from recruitment.models import Nomination, PeerApplication
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grades_3_to_5(world):
    program = ProgramFactory(school=world.school, name="Recess Buddies", lowest_grade=3, highest_grade=5)
    return CampaignFactory(program=program, term=world.term, requires_guardian_consent=False)


def apply_url(campaign):
    return reverse("recruitment:apply", kwargs={"pk": campaign.pk})


def test_the_form_offers_only_the_programs_grades(client, grades_3_to_5):
    form = client.get(apply_url(grades_3_to_5)).context["form"]
    assert [value for value, _label in form.fields["grade"].choices if value != ""] == [3, 4, 5]
    html = client.get(apply_url(grades_3_to_5)).content.decode()
    assert "Kindergarten" not in html and "Grade 1<" not in html


@pytest.mark.parametrize("grade", ["1", "0", "6", "99", str(2**70), "-3", "four", "4.0"])
def test_a_grade_outside_the_program_is_a_form_error(client, grades_3_to_5, application_data, grade):
    response = client.post(apply_url(grades_3_to_5), {**application_data, "grade": grade})
    assert response.status_code == 200
    assert response.context["form"].errors["grade"] == ["Please pick your grade from the list."]
    assert not PeerApplication.objects.filter(campaign=grades_3_to_5).exists()


def test_a_grade_of_the_program_is_saved(client, grades_3_to_5, application_data):
    response = client.post(apply_url(grades_3_to_5), {**application_data, "grade": "3"})
    assert response.status_code == 302
    assert PeerApplication.objects.get(campaign=grades_3_to_5).grade == 3


def test_a_nomination_outside_the_programs_grades_is_refused(client_for, world, grades_3_to_5):
    response = client_for("staff").post(reverse("recruitment:nominate"), {
        "campaign": grades_3_to_5.pk, "first_name": "Leo", "last_name": "Park", "grade": "1",
        "reasons": "Kind to everyone.",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["grade"] == ["Recess Buddies is for Grade 3 to Grade 5."]
    assert not Nomination.objects.filter(first_name="Leo").exists()


def test_a_roster_peer_outside_the_programs_grades_is_refused(client_for, world, grades_3_to_5):
    world.peer_student.grade = 1
    world.peer_student.save()
    response = client_for("staff").post(reverse("recruitment:nominate"), {
        "campaign": grades_3_to_5.pk, "student": world.peer_student.pk, "reasons": "Kind to everyone.",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["student"] == ["Recess Buddies is for Grade 3 to Grade 5."]
    assert not Nomination.objects.filter(student=world.peer_student).exists()
