"""List pages and dashboards run the same number of queries for 1 row as for many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.schools.factories import (
    FocusStudentFactory,
    IEPGoalFactory,
    MembershipFactory,
    SchoolFactory,
    StudentFactory,
)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_student_list_queries_do_not_grow_with_rows(client_for, world):
    client = client_for("coordinator")
    few = queries_for(client, reverse("student_list"))
    StudentFactory.create_batch(20, school=world.school)
    assert queries_for(client, reverse("student_list")) == few


def test_student_detail_queries_do_not_grow_with_goals(client_for, world):
    client = client_for("coordinator")
    url = reverse("student_detail", kwargs={"pk": world.focus_student.pk})
    few = queries_for(client, url)
    IEPGoalFactory.create_batch(8, student=world.focus_student)
    assert queries_for(client, url) == few


def test_staff_list_queries_do_not_grow_with_rows(client_for, world):
    client = client_for("coordinator")
    few = queries_for(client, reverse("staff_list"))
    MembershipFactory.create_batch(10, school=world.school, role="paraprofessional")
    assert queries_for(client, reverse("staff_list")) == few


def test_district_dashboard_queries_do_not_grow_with_schools(client_for, world):
    client = client_for("district_admin")
    few = queries_for(client, reverse("district_overview"))
    dashboard = queries_for(client, reverse("dashboard"))
    for _ in range(5):
        school = SchoolFactory(district=world.school.district)
        FocusStudentFactory.create_batch(2, school=school)
    assert queries_for(client, reverse("district_overview")) == few
    assert queries_for(client, reverse("dashboard")) == dashboard
