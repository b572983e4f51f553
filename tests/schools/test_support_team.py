"""The confidential record is for the staff who work with the student: the coordinator, the principal, and the
student's support team, which the coordinator keeps."""

import pytest
from django.urls import reverse

from schools.models import AccessLogEntry, Role
from tests.schools.factories import MembershipFactory, UserFactory

from ..two_factor import sign_in_verified


@pytest.fixture
def specialist(world):
    return MembershipFactory(
        school=world.school, role=Role.RELATED_SERVICE, specialty="slp", user=UserFactory(username="east.slp")
    ).user


def detail(world):
    return reverse("student_detail", kwargs={"pk": world.focus_student.pk})


def test_a_specialist_sees_only_the_students_on_their_caseload(client, world, specialist):
    sign_in_verified(client, specialist)
    assert world.iep_goal.goal not in client.get(detail(world)).content.decode()
    assert client.get(reverse("student_edit", kwargs={"pk": world.focus_student.pk})).status_code == 403
    add_goal = reverse("student_item_add", kwargs={"pk": world.focus_student.pk, "kind": "iep-goals"})
    assert client.get(add_goal).status_code == 403
    assert not AccessLogEntry.objects.exists()

    world.focus_student.support_team.add(specialist)
    assert world.iep_goal.goal in client.get(detail(world)).content.decode()
    assert AccessLogEntry.objects.filter(user=specialist, action="view").count() == 1
    assert client.get(add_goal).status_code == 200


def test_a_teacher_on_the_team_reads_the_goals_but_does_not_edit_them(client_for, world):
    world.focus_student.support_team.add(world.user("staff"))
    client = client_for("staff")
    assert world.iep_goal.goal in client.get(detail(world)).content.decode()
    assert client.get(reverse("student_edit", kwargs={"pk": world.focus_student.pk})).status_code == 403


def test_the_principal_sees_every_record_of_the_school(client_for, world):
    assert world.iep_goal.goal in client_for("school_admin").get(detail(world)).content.decode()


def test_the_coordinator_keeps_the_support_team(client_for, world, specialist):
    client = client_for("coordinator")
    url = reverse("student_edit", kwargs={"pk": world.focus_student.pk})
    form = client.get(url).context["form"]
    assert specialist in form.fields["support_team"].queryset
    assert world.user("other_coordinator") not in form.fields["support_team"].queryset

    data = {"grade": 3, "participation": "active", "support_team": [specialist.pk]}
    assert client.post(url, data).status_code == 302
    assert list(world.focus_student.support_team.all()) == [specialist]

    forged = client.post(url, {**data, "support_team": [world.user("other_coordinator").pk]})
    assert "Select a valid choice." in forged.content.decode()
    assert list(world.focus_student.support_team.all()) == [specialist]


def test_a_specialist_on_the_team_cannot_change_the_team(client, world, specialist):
    world.focus_student.support_team.add(specialist)
    sign_in_verified(client, specialist)
    form = client.get(reverse("student_edit", kwargs={"pk": world.focus_student.pk})).context["form"]
    assert "support_team" not in form.fields
