"""One school's people never reach another school's rows; sensitive fields stay with the staff who need them."""

import pytest
from django.urls import reverse

from schools.models import IEPGoal, Membership, Role, Student, Term
from schools.scoping import resolve_access
from tests.schools.factories import (
    FocusStudentFactory,
    IEPGoalFactory,
    MembershipFactory,
    StudentFactory,
    TermFactory,
    UserFactory,
)

from ..two_factor import sign_in_verified


def test_other_schools_coordinator_sees_only_their_own_roster(client_for, world):
    putnam_student = StudentFactory(school=world.other_school, first_name="Marcus", last_name="Lee", grade=7)
    response = client_for("other_coordinator").get(reverse("student_list"))
    assert response.status_code == 200
    assert list(response.context["students"]) == [putnam_student]
    assert world.focus_student.last_name not in response.content.decode()


@pytest.mark.parametrize("role", ["other_coordinator"])
def test_every_east_object_url_is_not_found_for_putnam(client_for, world, role):
    client = client_for(role)
    for url in (
        reverse("student_detail", kwargs={"pk": world.focus_student.pk}),
        reverse("student_detail", kwargs={"pk": world.peer_student.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_beaman_coordinator_in_another_district_reaches_nothing_of_east(client, world):
    sign_in_verified(client, UserFactory(username="beaman.coordinator"))
    assert client.get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).status_code == 404
    assert client.get(reverse("district_overview")).status_code == 403


def test_visible_to_narrows_every_school_owned_model_to_the_active_school(world):
    TermFactory(school=world.other_school, name="Putnam fall")
    IEPGoalFactory(student=FocusStudentFactory(school=world.other_school, grade=7))
    access = resolve_access(world.user("coordinator"), None)
    assert access.school == world.school
    for model in (Term, Membership, Student, IEPGoal):
        rows = model.objects.visible_to(access)
        assert rows.exists(), model
        school_ids = {row.student.school_id if model is IEPGoal else row.school_id for row in rows}
        assert school_ids == {world.school.pk}, model


def test_nobody_signed_in_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    access = resolve_access(AnonymousUser(), world.school.pk)
    assert not Student.objects.visible_to(access).exists()


def test_sensitive_fields_show_to_the_coordinator(client_for, world):
    html = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).content
    assert world.iep_goal.goal in html.decode()
    assert world.focus_student.support_needs in html.decode()


@pytest.mark.parametrize("role", ["staff", "district_admin"])
def test_sensitive_fields_stay_hidden_from_roles_without_the_permission(client_for, world, role):
    response = client_for(role).get(reverse("student_detail", kwargs={"pk": world.focus_student.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert world.focus_student.first_name in html
    assert world.iep_goal.goal not in html
    assert world.focus_student.support_needs not in html


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_students_dashboards_hold_no_sensitive_field(client_for, world, role):
    html = client_for(role).get(reverse("dashboard")).content.decode()
    assert world.iep_goal.goal not in html
    assert world.focus_student.support_needs not in html
    assert "Confidential" not in html


def test_a_person_with_two_schools_switches_and_the_roster_follows(client, world):
    slp = UserFactory(username="riverside.slp")
    MembershipFactory(user=slp, school=world.school, role=Role.RELATED_SERVICE, specialty="slp")
    MembershipFactory(user=slp, school=world.other_school, role=Role.RELATED_SERVICE, specialty="slp")
    putnam_student = StudentFactory(school=world.other_school, grade=7)
    sign_in_verified(client, slp)

    first = client.get(reverse("student_list"))
    assert world.focus_student in first.context["students"]
    assert 'id="school-switcher-select"' in first.content.decode()

    response = client.post(reverse("switch_school"), {"school": world.other_school.pk}, follow=True)
    assert "You are now working in Putnam Middle School." in response.content.decode()
    students = list(client.get(reverse("student_list")).context["students"])
    assert students == [putnam_student]
    assert client.get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1", "1" * 50])
def test_switching_to_a_school_that_is_not_yours_is_refused(client_for, world, value):
    client = client_for("coordinator")
    if value == "999999":
        value = str(world.other_school.pk)
    response = client.post(reverse("switch_school"), {"school": value})
    assert response.status_code == 403
    assert client.get(reverse("dashboard")).context["access"].school == world.school


def test_switch_school_never_redirects_to_another_host(client_for, world):
    response = client_for("district_admin").post(
        reverse("switch_school"), {"school": world.other_school.pk, "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_a_signed_in_person_without_a_school_gets_a_plain_explanation(client, db):
    sign_in_verified(client, UserFactory(username="new.hire"))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403
    assert "Your account is not linked to a school yet" in response.content.decode()


def test_deactivated_membership_gives_no_access(client, world):
    Membership.objects.filter(user=world.user("staff")).update(is_active=False)
    sign_in_verified(client, world.user("staff"))
    assert client.get(reverse("student_list")).status_code == 403


@pytest.mark.parametrize(
    "query,expected",
    [
        ("kind=focus", ["Noah"]),
        ("kind=peer", ["Sofia"]),
        ("grade=3", ["Noah"]),
        ("participation=on_break", []),
    ],
)
def test_roster_filters(client_for, world, query, expected):
    response = client_for("coordinator").get(reverse("student_list") + "?" + query)
    assert [s.first_name for s in response.context["students"]] == expected


@pytest.mark.parametrize("query", ["grade=abc", "kind=forged", "participation=<script>"])
def test_bad_roster_filters_explain_themselves(client_for, world, query):
    response = client_for("coordinator").get(reverse("student_list") + "?" + query)
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert "<script>" not in response.content.decode()
