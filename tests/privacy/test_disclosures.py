"""Disclosures outside the school (FERPA 34 CFR 99.32): recorded by hand or by a download, listed per school, never
changed or deleted."""

import pytest
from django.urls import reverse

from schools.privacy.models import Disclosure
from schools.privacy.services import disclosure_record
from tests.schools.factories import FocusStudentFactory


def test_the_orm_refuses_to_change_or_delete_a_disclosure(records):
    disclosure = records.disclosure
    disclosure.recipient = "Someone else"
    with pytest.raises(PermissionError):
        disclosure.save()
    with pytest.raises(PermissionError):
        disclosure.delete()
    with pytest.raises(PermissionError):
        Disclosure.objects.filter(pk=disclosure.pk).update(recipient="Someone else")
    with pytest.raises(PermissionError):
        Disclosure.objects.filter(pk=disclosure.pk).delete()
    assert Disclosure.objects.get(pk=disclosure.pk).recipient == "Riverside district office"


def test_the_service_refuses_an_empty_recipient(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        disclosure_record(student=world.focus_student, recipient="  ", purpose="Report", what="A report")
    assert not Disclosure.objects.exists()


def test_the_coordinator_records_a_disclosure_by_hand(client_for, world):
    client = client_for("coordinator")
    response = client.post(
        reverse("privacy:disclosure_add"),
        {
            "student": world.focus_student.pk,
            "recipient": "Noah's mother",
            "purpose": "She asked for a copy",
            "what": "An export given to a parent",
        },
        follow=True,
    )
    assert "Disclosure recorded." in response.content.decode()
    disclosure = Disclosure.objects.get()
    assert (disclosure.school, disclosure.student, disclosure.disclosed_by) == (
        world.school,
        world.focus_student,
        world.user("coordinator"),
    )
    assert "An export given to a parent" in response.content.decode()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"recipient": ""}, "This field is required."),
        ({"purpose": ""}, "This field is required."),
        ({"student": "999999"}, "Select a valid choice."),
        ({"student": "abc"}, "Select a valid choice."),
        ({"what": "x" * 301}, "Ensure this value has at most 300 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client_for, world, change, message):
    data = {
        "student": world.focus_student.pk,
        "recipient": "District",
        "purpose": "Report",
        "what": "A report",
        **change,
    }
    response = client_for("coordinator").post(reverse("privacy:disclosure_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Disclosure.objects.exists()


def test_another_schools_student_is_not_a_choice(client_for, world):
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7)
    data = {"student": putnam_student.pk, "recipient": "District", "purpose": "Report", "what": "A report"}
    response = client_for("coordinator").post(reverse("privacy:disclosure_add"), data)
    assert "Select a valid choice." in response.content.decode()
    assert not Disclosure.objects.exists()


def test_the_list_filters_by_student_id_and_shows_only_this_school(client_for, world, records):
    other = FocusStudentFactory(school=world.school, first_name="Ava", last_name="Thompson", grade=3)
    disclosure_record(student=other, recipient="Speech therapist", purpose="Therapy", what="Communication profile")
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7)
    disclosure_record(student=putnam_student, recipient="Putnam district", purpose="Report", what="Putnam report")
    client = client_for("coordinator")

    everything = client.get(reverse("privacy:disclosures")).content.decode()
    assert "Riverside district office" in everything and "Speech therapist" in everything
    assert "Putnam report" not in everything

    only_ava = client.get(reverse("privacy:disclosures"), {"student": other.pk})
    assert only_ava["Cache-Control"].count("no-store") == 1
    page = only_ava.content.decode()
    assert "Speech therapist" in page and "Riverside district office" not in page


@pytest.mark.parametrize("value", ["not-a-number", "999999"])
def test_a_bad_student_filter_shows_a_message_not_an_error(client_for, world, records, value):
    response = client_for("coordinator").get(reverse("privacy:disclosures"), {"student": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice." in page and "No disclosures match." in page


def test_another_schools_student_id_in_the_filter_shows_nothing_of_theirs(client_for, world):
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7)
    disclosure_record(student=putnam_student, recipient="Putnam district", purpose="Report", what="Putnam report")
    page = client_for("coordinator").get(reverse("privacy:disclosures"), {"student": putnam_student.pk})
    assert "Putnam report" not in page.content.decode()
