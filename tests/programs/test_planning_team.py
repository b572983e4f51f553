"""The core planning team: 3–5 members is advice (a warning, never a block), and exactly one designated coordinator."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import services
from programs.models import PlanningTeamMember
from tests.programs.factories import PlanningTeamMemberFactory, ProgramFactory
from tests.schools.factories import MembershipFactory, UserFactory


def add(client, program, **data):
    defaults = {"user": "", "name": "", "role": "general_educator", "is_core": "on", "advice_wanted": ""}
    return client.post(reverse("programs:team_add", kwargs={"pk": program.pk}), {**defaults, **data}, follow=True)


def messages_of(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_adding_a_third_core_member_ends_the_warning(client_for, world, east):
    # East's program has its coordinator and the general educator: two core members.
    response = add(client_for("coordinator"), east.program, name="Maria Hernandez", role="parent")
    assert PlanningTeamMember.objects.filter(program=east.program, name="Maria Hernandez", role="parent").exists()
    assert [level for level, _ in messages_of(response)] == ["success"]


def test_a_small_team_is_warned_but_saved(client_for, world, east):
    east.member.delete()
    response = add(client_for("coordinator"), east.program, name="Sam", role="counselor", is_core="")
    levels = dict(messages_of(response))
    assert "success" in levels
    assert "The guide suggests 3–5 people" in levels["warning"]
    assert PlanningTeamMember.objects.filter(program=east.program).count() == 2


def test_a_large_team_is_warned_but_saved(client_for, world, east):
    for n in range(3):
        PlanningTeamMemberFactory(program=east.program, name=f"Parent {n}", role="parent")
    response = add(client_for("coordinator"), east.program, name="One more", role="parent")
    assert "yours" not in str(messages_of(response))
    assert any(level == "warning" and "6 members" in text for level, text in messages_of(response))
    assert PlanningTeamMember.objects.filter(program=east.program, is_core=True).count() == 6


def test_specialists_whose_advice_is_wanted_do_not_count_towards_the_core_team(client_for, world, east):
    PlanningTeamMemberFactory(program=east.program, name="Maria Hernandez", role="parent")
    slp = MembershipFactory(school=world.school, role="related_service", specialty="slp").user
    response = add(client_for("coordinator"), east.program, user=slp.pk, role="related_service", is_core="",
                   advice_wanted="Supporting AAC use")
    assert [level for level, _ in messages_of(response)] == ["success"]
    assert PlanningTeamMember.objects.get(user=slp).advice_wanted == "Supporting AAC use"


def test_the_team_page_shows_the_advice(client_for, world, east):
    html = client_for("staff").get(reverse("programs:team", kwargs={"pk": east.program.pk})).content.decode()
    assert "The guide suggests 3–5 people" in html
    assert "Designated coordinator" in html


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({}, "name", "Choose a staff member or type a name."),
        ({"name": "Someone", "user": "staff"}, "name", "not both"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"name": "A parent", "role": "king"}, "role", "Choose a role from the list."),
        ({"user": "staff"}, "user", "is already on the planning team"),
        ({"user": "other_coordinator"}, "user", "Choose a staff member of your school from the list."),
        ({"user": "peer"}, "user", "Choose a staff member of your school from the list."),
        ({"user": "999999"}, "user", "Choose a staff member of your school from the list."),
        ({"user": "99999999999999999999999"}, "user", "Choose a staff member of your school from the list."),
        ({"user": "1 OR 1=1"}, "user", "Choose a staff member of your school from the list."),
        ({"name": "A parent", "is_coordinator": "on"}, "user", "choose a staff member"),
        ({"name": "x", "advice_wanted": "y" * 201}, "advice_wanted", "at most 200 characters"),
    ],
)
def test_bad_team_input_is_refused_with_a_message(client_for, world, east, data, field, message):
    data = dict(data)
    if data.get("user") in ("staff", "other_coordinator", "peer"):
        data["user"] = world.user(data["user"]).pk
    before = list(PlanningTeamMember.objects.values_list("pk", "user", "name", "is_coordinator"))
    response = add(client_for("coordinator"), east.program, **data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert list(PlanningTeamMember.objects.values_list("pk", "user", "name", "is_coordinator")) == before


def test_designating_a_new_coordinator_hands_the_role_over(client_for, world, east):
    url = reverse("programs:team_edit", kwargs={"pk": east.program.pk, "member_pk": east.member.pk})
    response = client_for("school_admin").post(
        url, {"user": world.user("staff").pk, "role": "general_educator", "is_coordinator": "on", "is_core": "on"}
    )
    assert response.status_code == 302
    coordinators = PlanningTeamMember.objects.filter(program=east.program, is_coordinator=True)
    assert list(coordinators.values_list("user", flat=True)) == [world.user("staff").pk]
    east.coordinator_member.refresh_from_db()
    assert east.coordinator_member.is_core  # keeps their seat on the team


def test_adding_a_member_as_coordinator_hands_the_role_over(world, east):
    principal = world.user("school_admin")
    member = services.team_member_add(program=east.program, user=principal, role="school_admin", is_coordinator=True,
                                      is_core=False)
    assert member.is_core  # the coordinator is always on the core planning team
    assert list(PlanningTeamMember.objects.filter(program=east.program, is_coordinator=True)) == [member]


def test_the_coordinator_cannot_simply_stop_being_one(client_for, world, east):
    url = reverse("programs:team_edit", kwargs={"pk": east.program.pk, "member_pk": east.coordinator_member.pk})
    response = client_for("coordinator").post(
        url, {"user": world.user("coordinator").pk, "role": "special_educator", "is_core": "on"}
    )
    assert response.status_code == 200
    assert "exactly one designated coordinator" in str(response.context["form"].errors["is_coordinator"])
    east.coordinator_member.refresh_from_db()
    assert east.coordinator_member.is_coordinator


def test_the_coordinator_cannot_be_removed(client_for, east):
    url = reverse("programs:team_remove", kwargs={"pk": east.program.pk, "member_pk": east.coordinator_member.pk})
    response = client_for("coordinator").post(url, follow=True)
    assert any("Designate another member first" in text for _, text in messages_of(response))
    assert PlanningTeamMember.objects.filter(pk=east.coordinator_member.pk).exists()


def test_removing_a_member_warns_when_the_team_gets_small(client_for, east):
    url = reverse("programs:team_remove", kwargs={"pk": east.program.pk, "member_pk": east.member.pk})
    response = client_for("coordinator").post(url, follow=True)
    assert not PlanningTeamMember.objects.filter(pk=east.member.pk).exists()
    assert [level for level, _ in messages_of(response)] == ["success", "warning"]


def test_removing_is_a_post_only_button(client_for, east):
    url = reverse("programs:team_remove", kwargs={"pk": east.program.pk, "member_pk": east.member.pk})
    assert client_for("coordinator").get(url).status_code == 405


def test_another_programs_member_cannot_be_edited_through_this_program(client_for, world, east):
    other_program = ProgramFactory(school=world.school, name="Lunch Bunch")
    stranger = PlanningTeamMemberFactory(program=other_program, name="Stranger")
    url = reverse("programs:team_edit", kwargs={"pk": east.program.pk, "member_pk": stranger.pk})
    assert client_for("coordinator").get(url).status_code == 404


def test_the_service_refuses_someone_from_another_school(world, east):
    with pytest.raises(ValidationError) as error:
        services.team_member_add(program=east.program, user=world.user("other_coordinator"), role="counselor")
    assert "user" in error.value.message_dict


def test_the_service_refuses_an_inactive_account(world, east):
    gone = MembershipFactory(school=world.school, role="counselor", user=UserFactory(is_active=False)).user
    with pytest.raises(ValidationError):
        services.team_member_add(program=east.program, user=gone, role="counselor")
