"""The supervising adult's phone log: saved, edited on a second save (one log per adult, occurrence and student), the
IEP goals offered only to those who may see them, and every bad input refused with a clear message and nothing
saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import FacilitationLog
from schools.models import IEPGoal
from tests.activities.facilitation.factories import past_lunch
from tests.activities.factories import ActivityFactory, OccurrenceFactory, east_activity
from tests.programs.factories import ProgramFactory
from tests.schools.factories import FocusStudentFactory, IEPGoalFactory

pytestmark = pytest.mark.django_db


def url(occurrence, student=None) -> str:
    base = reverse("activities:facilitation_log", kwargs={"pk": occurrence.pk})
    return f"{base}?student={student.pk if student else 'group'}"


def good(**changes) -> dict:
    data = {
        "strategies": ["highlight-similarities", "praise-interactions"],
        "adult_support": "nearby",
        "initiations_by_student": "2",
        "initiations_by_peers": "3",
        "interaction_quality": "3",
        "note": "Shared a joke about the lunch menu.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_log_then_log_again_edits_the_same_log(client_for, world):
    occurrence = east_activity(world).past
    client = client_for("coordinator")
    page = client.get(url(occurrence, world.focus_student))
    assert page.status_code == 200
    html = page.content.decode()
    # The guide's wording and the plain label, and the student's goals (the coordinator may see them).
    assert "Highlight any similarities between students, such as shared interests, backgrounds, and strengths" in html
    assert "Pointed out what they have in common" in html
    assert 'id="goals-practised"' in html
    response = client.post(url(occurrence, world.focus_student), good(goals=[str(world.iep_goal.pk)]))
    assert response.status_code == 302
    log = FacilitationLog.objects.get()
    assert (log.student, log.logged_by, log.adult_support) == (world.focus_student, world.user("coordinator"), "nearby")
    assert log.strategies == ["highlight-similarities", "praise-interactions"]
    assert (log.initiations_by_student, log.initiations_by_peers, log.interaction_quality) == (2, 3, 3)
    assert list(log.goals_practised.all()) == [world.iep_goal]
    client.post(url(occurrence, world.focus_student), good(adult_support="faded", interaction_quality="4", goals=[]))
    log = FacilitationLog.objects.get()
    assert (log.adult_support, log.interaction_quality) == ("faded", 4)
    assert not log.goals_practised.exists()
    # The form shows what was saved.
    assert (
        'value="faded" autocomplete="off" checked' in client.get(url(occurrence, world.focus_student)).content.decode()
    )


def test_a_group_log_and_another_adults_log_are_separate(client_for, world):
    occurrence = east_activity(world).past
    client_for("staff").post(url(occurrence), good())
    client_for("coordinator").post(url(occurrence), good())
    client_for("coordinator").post(url(occurrence, world.focus_student), good())
    assert FacilitationLog.objects.filter(student=None).count() == 2
    assert FacilitationLog.objects.filter(student=world.focus_student).count() == 1


def test_a_staff_member_not_on_the_support_team_sees_no_goals_and_cannot_send_them(client_for, world):
    occurrence = east_activity(world).past
    client = client_for("staff")
    html = client.get(url(occurrence, world.focus_student)).content.decode()
    assert 'id="goals-practised"' not in html and world.iep_goal.goal not in html
    response = client.post(url(occurrence, world.focus_student), good(goals=[str(world.iep_goal.pk)]))
    assert response.status_code == 200
    assert "You cannot record IEP goals for this student." in response.content.decode()
    assert not FacilitationLog.objects.exists()
    # On the support team, they may.
    world.focus_student.support_team.add(world.user("staff"))
    assert 'id="goals-practised"' in client.get(url(occurrence, world.focus_student)).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"strategies": ["made-up"]}, "Choose strategies from the guide&#x27;s list."),
        ({"interaction_quality": "9"}, "Choose a rating from 1 to 4."),
        ({"initiations_by_student": "-1"}, "Enter 0 or more."),
        ({"initiations_by_peers": "-3"}, "Enter 0 or more."),
        ({"initiations_by_peers": "201"}, "Enter at most 200."),
        ({"initiations_by_student": "many"}, "Enter a whole number."),
        ({"adult_support": None}, "Choose how close you stayed."),
        ({"adult_support": "hovering"}, "Choose close, nearby or faded."),
        ({"note": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_for, world, changes, message):
    occurrence = east_activity(world).past
    response = client_for("coordinator").post(url(occurrence, world.focus_student), good(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FacilitationLog.objects.exists()


@pytest.mark.parametrize("forged", ["another", "garbage"])
def test_a_goal_of_another_student_is_refused(client_for, world, forged):
    other = IEPGoalFactory(student=FocusStudentFactory(school=world.school))
    value = str(other.pk) if forged == "another" else "not-a-number"
    response = client_for("coordinator").post(
        url(east_activity(world).past, world.focus_student), good(goals=[str(world.iep_goal.pk), value])
    )
    assert response.status_code == 200
    assert "Choose goals from this student&#x27;s own IEP goals." in response.content.decode()
    assert not FacilitationLog.objects.exists()
    assert IEPGoal.objects.filter(facilitation_logs__isnull=False).count() == 0


def test_goals_on_a_group_log_are_refused(client_for, world):
    response = client_for("coordinator").post(url(east_activity(world).past), good(goals=[str(world.iep_goal.pk)]))
    assert "You cannot record IEP goals for this student." in response.content.decode()
    assert not FacilitationLog.objects.exists()


def test_a_future_occurrence_cannot_be_logged(client_for, world):
    upcoming = east_activity(world).upcoming
    client = client_for("coordinator")
    page = client.get(url(upcoming, world.focus_student))
    assert "This occurrence has not happened yet" in page.content.decode()
    assert 'id="facilitation-form"' not in page.content.decode()
    response = client.post(url(upcoming, world.focus_student), good())
    assert "This occurrence has not happened yet" in response.content.decode()
    assert not FacilitationLog.objects.exists()


def test_a_cancelled_occurrence_cannot_be_logged(client_for, world):
    occurrence = past_lunch(world, 2, present=[world.focus_student])
    occurrence.cancelled_at = timezone.now()
    occurrence.cancel_reason = "Snow day"
    occurrence.save()
    response = client_for("coordinator").post(url(occurrence, world.focus_student), good())
    assert response.status_code == 200
    assert "This occurrence was cancelled" in response.content.decode()
    assert not FacilitationLog.objects.exists()


def test_another_schools_occurrence_and_a_student_not_placed_are_404(client_for, world):
    program = ProgramFactory(school=world.other_school)
    other = OccurrenceFactory(
        activity=ActivityFactory(program=program, first_date=datetime.date.today() - datetime.timedelta(days=1))
    )
    client = client_for("coordinator")
    assert client.get(url(other)).status_code == 404
    assert client.post(url(other), good()).status_code == 404
    occurrence = east_activity(world).past
    assert client.get(url(occurrence, world.peer_student)).status_code == 404  # placed, but not a focus student
    stranger = FocusStudentFactory(school=world.school)
    assert client.post(url(occurrence, stranger), good()).status_code == 404
    assert (
        client.get(reverse("activities:facilitation_log", kwargs={"pk": occurrence.pk}) + "?student=x").status_code
        == 404
    )
    assert not FacilitationLog.objects.exists()


def test_the_attendance_page_links_to_the_log(client_for, world):
    from tests.activities.factories import east_attendance

    today = east_attendance(world).today
    html = client_for("staff").get(reverse("activities:attendance", kwargs={"pk": today.pk})).content.decode()
    assert reverse("activities:facilitation_log", kwargs={"pk": today.pk}) in html
