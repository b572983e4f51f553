"""The confidential part of a student's record: who may see it, the peer-safe view, and the access log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.models import AccessLogEntry
from schools.services import record_access
from tests.schools.factories import (
    BehaviorNoteFactory,
    FocusStudentFactory,
    GuardianFactory,
    IEPGoalFactory,
    PeerPreferenceFactory,
    SchoolFactory,
)


@pytest.fixture
def confidential(world):
    student = world.focus_student
    return {
        "goal": world.iep_goal.goal,
        "support": student.support_needs,
        "behavior": BehaviorNoteFactory(student=student).behavior,
        "guardian": GuardianFactory(student=student).name,
        "preference": PeerPreferenceFactory(student=student).group,
    }


def detail(world):
    return reverse("student_detail", kwargs={"pk": world.focus_student.pk})


def test_coordinator_sees_the_confidential_record_and_the_view_is_logged(client_for, world, confidential):
    response = client_for("coordinator").get(detail(world))
    html = response.content.decode()
    for value in confidential.values():
        assert value in html
    assert "no-store" in response["Cache-Control"]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.student, entry.action) == (world.user("coordinator"), world.focus_student, "view")
    assert entry.ip_address == "127.0.0.1"
    for value in confidential.values():
        assert value not in entry.what


@pytest.mark.parametrize("role", ["staff", "district_admin"])
def test_roles_without_the_permission_see_none_of_it_and_nothing_is_logged(client_for, world, confidential, role):
    html = client_for(role).get(detail(world)).content.decode()
    for value in confidential.values():
        assert value not in html
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "staff", "school_admin"])
def test_the_peer_safe_view_holds_only_peer_safe_fields(client_for, world, confidential, role):
    student = world.focus_student
    student.how_to_help = "Show me the first step"
    student.save()
    html = client_for(role).get(reverse("student_peer_view", kwargs={"pk": student.pk})).content.decode()
    assert student.first_name in html
    assert student.interests in html
    assert "Show me the first step" in html
    assert student.last_name not in html
    for value in confidential.values():
        assert value not in html


def test_a_peer_never_reaches_the_record_or_the_peer_view(client_for, world, confidential):
    client = client_for("peer")
    assert client.get(detail(world)).status_code == 403
    assert client.get(reverse("student_peer_view", kwargs={"pk": world.focus_student.pk})).status_code == 403
    for value in confidential.values():
        assert value not in client.get(reverse("dashboard")).content.decode()


def test_the_access_log_is_append_only(world):
    entry = record_access(user=world.user("coordinator"), school=world.school, student=world.focus_student,
                          action="view", what="IEP goals")
    entry.what = "nothing"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(what="nothing")
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().what == "IEP goals"


def test_the_principal_reads_the_schools_access_log_and_only_it(client_for, world):
    client_for("coordinator").get(detail(world))
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7)
    record_access(user=world.user("coordinator"), school=world.other_school, student=putnam_student, action="view",
                  what="IEP goals")
    response = client_for("school_admin").get(reverse("access_log"))
    entries = list(response.context["entries"])
    assert [e.student for e in entries] == [world.focus_student]
    html = response.content.decode()
    assert world.user("coordinator").display_name in html


@pytest.mark.parametrize(
    "query",
    ["student=999999", "action=forged", "since=not-a-date", "user=abc", "until=2026-13-45"],
)
def test_bad_access_log_filters_show_a_message_not_an_error(client_for, world, query):
    client_for("coordinator").get(detail(world))
    response = client_for("school_admin").get(reverse("access_log") + "?" + query)
    assert response.status_code == 200
    assert list(response.context["entries"]) == []
    assert response.context["filter"].errors


def test_a_student_page_runs_the_same_queries_however_full_the_record(client_for, world):
    client = client_for("coordinator")

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(detail(world))
        return len(captured)

    few = count()
    for _ in range(4):
        IEPGoalFactory(student=world.focus_student)
        BehaviorNoteFactory(student=world.focus_student)
        GuardianFactory(student=world.focus_student)
        PeerPreferenceFactory(student=world.focus_student)
    assert count() == few


def test_another_schools_students_are_not_in_the_log_filter_choices(client_for, world):
    other = FocusStudentFactory(school=SchoolFactory(district=world.school.district))
    form = client_for("school_admin").get(reverse("access_log")).context["filter"].form
    assert other not in form.fields["student"].queryset


def test_opening_the_record_logs_one_row_naming_what_was_shown(client_for, world, confidential):
    client_for("coordinator").get(detail(world))
    client_for("staff").get(detail(world))  # not on the support team: nothing opened, nothing logged
    client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.peer_student.pk}))  # a peer: no record
    entry = AccessLogEntry.objects.get()
    assert (entry.school, entry.user, entry.student) == (world.school, world.user("coordinator"), world.focus_student)
    assert entry.what == "support needs, IEP goals, behavior notes, own voice, guardians"


def test_the_log_takes_the_user_and_the_school_so_a_task_can_write_it(world):
    """No request and no ``Access``: what a background task has."""
    entry = record_access(user=world.user("coordinator"), school=world.school, action="export", what="Roster export")
    assert (entry.school, entry.user, entry.student, entry.ip_address) == (
        world.school, world.user("coordinator"), None, None
    )
    with pytest.raises(ValueError):
        record_access(user=world.user("coordinator"), school=world.other_school, student=world.focus_student,
                      action="view", what="IEP goals")
    assert AccessLogEntry.objects.count() == 1
