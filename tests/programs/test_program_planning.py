"""Planning a program: the create and edit forms, every bad input refused with a message, and status changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import services
from programs.models import PlanningTeamMember, Program
from tests.programs.factories import ProgramFactory
from tests.schools.factories import TermFactory, UserFactory


def program_data(world, **overrides):
    data = {
        "name": "Peer to Peer",
        "form": "course",
        "purposes": ["inclusive_school", "new_skills"],
        "purpose_notes": "Support three students with autism in general education classes.",
        "core_components": "A peer support period every day.",
        "lowest_grade": "3",
        "highest_grade": "5",
        "who_may_join": "Any 3rd-5th grader who wants to.",
        "staff_support": "Ms. Jonas and the grade-level teachers.",
        "anticipated_challenges": "Scheduling.",
        "faculty_presented_on": "",
        "faculty_feedback": "",
        "terms": [world.term.pk],
        "is_model_program": "",
        "visit_information": "",
        "coordinator": world.user("coordinator").pk,
        "coordinator_role": "special_educator",
    }
    data.update(overrides)
    return data


def test_coordinator_plans_a_program_and_becomes_its_designated_coordinator(client_for, world):
    response = client_for("coordinator").post(reverse("programs:create"), program_data(world))

    program = Program.objects.get(school=world.school, name="Peer to Peer")
    assert response.status_code == 302
    assert response.url == reverse("programs:team", kwargs={"pk": program.pk})
    assert program.status == Program.Status.PLANNING
    assert program.purposes == ["inclusive_school", "new_skills"]
    assert list(program.terms.all()) == [world.term]
    coordinator = PlanningTeamMember.objects.get(program=program)
    assert coordinator.user == world.user("coordinator") and coordinator.is_coordinator and coordinator.is_core


def test_the_principal_may_name_someone_else_coordinator(client_for, world):
    data = program_data(world, coordinator=world.user("staff").pk, coordinator_role="general_educator")
    client_for("school_admin").post(reverse("programs:create"), data)
    member = PlanningTeamMember.objects.get(program__name="Peer to Peer")
    assert member.user == world.user("staff") and member.role == "general_educator"


def test_the_create_form_uses_the_guides_words(client_for, world):
    html = client_for("coordinator").get(reverse("programs:create")).content.decode()
    for words in (
        "Peer to Peer, Peer Connections, Peer Buddy",
        "present the plan to the entire school faculty",
        "Start small",
        "district model school others may visit",
        "Creating a more inclusive school",
        'name="purposes" value="inclusive_school"',
    ):
        assert words in html, words


def test_grades_offered_are_the_schools_own(client_for, world):
    form = client_for("coordinator").get(reverse("programs:create")).context["form"]
    assert [value for value, _ in form.fields["lowest_grade"].choices] == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 121}, "name", "at most 120 characters"),
        ({"form": "secret-society"}, "form", "Choose one of the program's forms."),
        ({"purposes": ["world_domination"]}, "purposes", "Choose purposes from the list."),
        ({"lowest_grade": "9"}, "lowest_grade", "Choose a grade of East Elementary."),
        ({"lowest_grade": "5", "highest_grade": "3"}, "highest_grade", "must not come before the first grade"),
        ({"faculty_presented_on": "2025-02-30"}, "faculty_presented_on", "Enter a date such as"),
        ({"faculty_presented_on": "next tuesday"}, "faculty_presented_on", "Enter a date such as"),
        ({"faculty_presented_on": "2999-01-01"}, "faculty_presented_on", "cannot be in the future"),
        ({"core_components": "x" * 4001}, "core_components", "at most 4000 characters"),
        ({"coordinator": ""}, "coordinator", "This field is required."),
        ({"coordinator_role": "overlord"}, "coordinator_role", "Choose a role from the list."),
    ],
)
def test_bad_program_input_is_refused_with_a_message_and_nothing_saved(client_for, world, overrides, field, message):
    response = client_for("coordinator").post(reverse("programs:create"), program_data(world, **overrides))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), response.context["form"].errors
    assert not Program.objects.exists()
    assert not PlanningTeamMember.objects.exists()


def test_another_schools_ids_in_the_post_are_refused(client_for, world):
    putnam_term = TermFactory(school=world.other_school)
    putnam_coordinator = world.user("other_coordinator")
    response = client_for("coordinator").post(
        reverse("programs:create"), program_data(world, terms=[putnam_term.pk], coordinator=putnam_coordinator.pk)
    )
    errors = response.context["form"].errors
    assert "Choose terms of your school from the list." in errors["terms"]
    assert "Choose a staff member of your school from the list." in errors["coordinator"]
    assert not Program.objects.exists()


def test_a_second_program_with_the_same_name_is_refused(client_for, world):
    ProgramFactory(school=world.school, name="Peer to Peer")
    response = client_for("coordinator").post(reverse("programs:create"), program_data(world, name="peer to peer"))
    assert "East Elementary already has a program called “peer to peer”." in response.context["form"].errors["name"]
    assert Program.objects.count() == 1


def test_the_same_name_at_another_school_is_fine(client_for, world):
    ProgramFactory(school=world.other_school, name="Peer to Peer")
    assert client_for("coordinator").post(reverse("programs:create"), program_data(world)).status_code == 302


def test_the_service_writes_nothing_when_the_coordinator_is_not_staff_of_the_school(world):
    outsider = UserFactory()
    with pytest.raises(ValidationError):
        services.program_create(
            school=world.school, coordinator=outsider, name="Peer to Peer", form="club", lowest_grade=3,
            highest_grade=5,
        )
    assert not Program.objects.exists()


def test_the_service_refuses_grades_the_school_does_not_have(world):
    with pytest.raises(ValidationError) as error:
        services.program_create(
            school=world.school, coordinator=world.user("coordinator"), name="Peer to Peer", form="club",
            lowest_grade=3, highest_grade=9,
        )
    assert "highest_grade" in error.value.message_dict
    assert not Program.objects.exists()


def test_editing_the_plan_saves_it(client_for, world, east):
    data = program_data(world, name="Peer to Peer Plus", faculty_presented_on="2025-01-15",
                        faculty_feedback="Teachers asked for a guide.")
    response = client_for("coordinator").post(reverse("programs:update", kwargs={"pk": east.program.pk}), data)
    assert response.status_code == 302
    east.program.refresh_from_db()
    assert east.program.name == "Peer to Peer Plus"
    assert east.program.faculty_presented_on == datetime.date(2025, 1, 15)
    assert east.program.status == Program.Status.PLANNING


def test_a_bad_edit_changes_nothing(client_for, world, east):
    data = program_data(world, name="", lowest_grade="5", highest_grade="4")
    response = client_for("coordinator").post(reverse("programs:update", kwargs={"pk": east.program.pk}), data)
    assert response.status_code == 200
    east.program.refresh_from_db()
    assert east.program.name == "Peer to Peer"
    assert response.context["program"].name == "Peer to Peer"


def test_a_general_educator_reads_the_plan_but_cannot_edit_it(client_for, world, east):
    client = client_for("staff")
    page = client.get(reverse("programs:detail", kwargs={"pk": east.program.pk}))
    assert page.status_code == 200
    assert "Edit the plan" not in page.content.decode()
    response = client.post(reverse("programs:update", kwargs={"pk": east.program.pk}), program_data(world))
    assert response.status_code == 403


# --- Status ---------------------------------------------------------------------------------------------------


def change_status(client, program, status):
    return client.post(reverse("programs:status", kwargs={"pk": program.pk}), {"status": status}, follow=True)


def test_status_moves_planning_approved_active_paused_active_ended(client_for, east):
    client = client_for("coordinator")
    for status in ("approved", "active", "paused", "active", "ended"):
        response = change_status(client, east.program, status)
        east.program.refresh_from_db()
        assert east.program.status == status
        assert "is now" in next(str(m) for m in response.context["messages"])


@pytest.mark.parametrize("status", ["active", "paused", "planning"])
def test_an_invalid_transition_is_refused_with_a_message(client_for, east, status):
    response = change_status(client_for("coordinator"), east.program, status)
    east.program.refresh_from_db()
    assert east.program.status == "planning"
    messages = [str(m) for m in response.context["messages"]]
    assert any("cannot become" in m for m in messages), messages


@pytest.mark.parametrize("status", ["", "deleted", "<script>"])
def test_a_forged_status_is_refused(client_for, east, status):
    response = change_status(client_for("coordinator"), east.program, status)
    east.program.refresh_from_db()
    assert east.program.status == "planning"
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_an_ended_program_stays_ended(client_for, east):
    east.program.status = "ended"
    east.program.save()
    response = change_status(client_for("coordinator"), east.program, "active")
    assert "cannot become" in next(str(m) for m in response.context["messages"])


def test_status_is_a_post_only_button(client_for, east):
    assert client_for("coordinator").get(reverse("programs:status", kwargs={"pk": east.program.pk})).status_code == 405


def test_the_overview_offers_only_the_next_statuses(client_for, east):
    response = client_for("coordinator").get(reverse("programs:detail", kwargs={"pk": east.program.pk}))
    assert [value for value, _ in response.context["next_statuses"]] == ["approved", "ended"]
