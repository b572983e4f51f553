"""Staff on students' support teams (a speech-language pathologist, a teacher) get "My students": their caseload at
the active school, each linking to the student's page, with what every member of staff may read there. The
confidential record stays on the student's page (logged); nobody sees another's caseload or another school's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.models import AccessLogEntry, Role
from tests.schools.factories import FocusStudentFactory, MembershipFactory, StudentFactory, UserFactory

from ..two_factor import sign_in_verified

URL = reverse("my_students")


@pytest.fixture
def slp(world):
    """A speech-language pathologist who serves East and Putnam."""
    user = UserFactory(username="riverside.slp", first_name="Rosa", last_name="Okafor")
    MembershipFactory(school=world.school, role=Role.RELATED_SERVICE, specialty="slp", user=user)
    MembershipFactory(school=world.other_school, role=Role.RELATED_SERVICE, specialty="slp", user=user)
    return user


def test_a_specialist_sees_the_students_on_their_caseload(client, world, slp):
    world.focus_student.communication = "Point to the picture board."
    world.focus_student.how_to_help = "Wait for my answer."
    world.focus_student.save()
    world.focus_student.support_team.add(slp)
    not_mine = FocusStudentFactory(school=world.school, first_name="Elena", last_name="Rossi")
    sign_in_verified(client, slp)

    html = client.get(URL).content.decode()
    assert world.focus_student.full_name in html
    assert reverse("student_detail", kwargs={"pk": world.focus_student.pk}) in html
    assert "Point to the picture board." in html and "Wait for my answer." in html
    assert not_mine.full_name not in html


def test_the_list_holds_no_confidential_record_and_logs_nothing(client, world, slp):
    """Support needs, goals and family stay on the student's page, where opening them is logged."""
    world.focus_student.support_needs = "zq7vkx-support-needs"
    world.focus_student.save()
    world.focus_student.support_team.add(slp)
    sign_in_verified(client, slp)
    html = client.get(URL).content.decode() + client.get(reverse("dashboard")).content.decode()
    assert "zq7vkx" not in html
    assert world.iep_goal.goal not in html
    assert not AccessLogEntry.objects.exists()


def test_only_the_active_schools_students_show(client, world, slp):
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7, first_name="Liam", last_name="Walsh")
    putnam_student.support_team.add(slp)
    world.focus_student.support_team.add(slp)
    sign_in_verified(client, slp)
    html = client.get(URL).content.decode()
    assert world.focus_student.full_name in html
    assert putnam_student.full_name not in html

    client.post(reverse("switch_school"), {"school": world.other_school.pk})
    html = client.get(URL).content.decode()
    assert putnam_student.full_name in html
    assert world.focus_student.full_name not in html


def test_a_teacher_sees_their_own_caseload_not_a_colleagues(client_for, world, slp):
    world.focus_student.support_team.add(slp)
    peer_on_team = StudentFactory(school=world.school, first_name="Jonah", last_name="Price")
    peer_on_team.support_team.add(world.user("staff"))
    html = client_for("staff").get(URL).content.decode()
    assert peer_on_team.full_name in html
    assert world.focus_student.full_name not in html


def test_no_caseload_explains_itself(client_for, world):
    html = client_for("coordinator").get(URL).content.decode()
    assert "not on any student's support team" in html


def test_students_and_the_district_have_no_caseload_page(client_for, world):
    for role in ("peer", "focus_student", "district_admin"):
        assert client_for(role).get(URL).status_code == 403, role


def test_the_dashboard_starts_with_my_students(client, world, slp):
    world.focus_student.support_team.add(slp)
    sign_in_verified(client, slp)
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert html.index('id="my-students-heading"') < html.index('id="roster-heading"')
    assert reverse("student_detail", kwargs={"pk": world.focus_student.pk}) in html
    assert ("My students", "my_students") in [(str(label), name) for label, name in response.context["nav_items"]]


def test_a_dashboard_without_a_caseload_has_no_my_students_section(client_for, world):
    html = client_for("coordinator").get(reverse("dashboard")).content.decode()
    assert 'id="my-students-heading"' not in html


def test_the_list_runs_the_same_queries_for_one_student_or_many(client, world, slp):
    world.focus_student.support_team.add(slp)
    sign_in_verified(client, slp)

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few, few_dashboard = queries(URL), queries(reverse("dashboard"))
    for _ in range(6):
        FocusStudentFactory(school=world.school).support_team.add(slp)
    assert queries(URL) == few
    assert queries(reverse("dashboard")) == few_dashboard
