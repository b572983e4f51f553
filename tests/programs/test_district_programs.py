"""District administrators see every program of their district's schools with its stage; no one else does."""

import datetime

from django.urls import reverse

from programs import selectors
from schools.scoping import resolve_access
from tests.programs.factories import (
    ExpansionStageFactory,
    PlanningTeamMemberFactory,
    ProgramFactory,
    ProgramParticipantFactory,
)


def test_programs_of_every_school_of_the_district_with_their_stage(client_for, world, east):
    today = datetime.date.today()
    ExpansionStageFactory(program=east.program, order=2, description="Grade 4 peers", reached_on=today)
    ExpansionStageFactory(program=east.program, order=3, description="Grades 3-5", target="30 peers",
                          target_date=datetime.date(2027, 5, 1))
    east.stage.reached_on = today - datetime.timedelta(days=100)
    east.stage.save()
    putnam = ProgramFactory(school=world.other_school, name="Peer Connections", status="active",
                            is_model_program=True)
    ProgramParticipantFactory.create_batch(3, program=putnam)
    ProgramFactory(school=world.far_school, name="Peer Buddy")  # Lakeview's school: another district

    response = client_for("district_admin").get(reverse("programs:district"))

    assert response.status_code == 200
    programs = {program.name: program for program in response.context["programs"]}
    assert set(programs) == {"Peer to Peer", "Peer Connections"}
    peer_to_peer = programs["Peer to Peer"]
    assert peer_to_peer.current_stage == "Grade 4 peers"
    assert peer_to_peer.next_stage == "Grades 3-5"
    assert peer_to_peer.next_stage_target == "30 peers"
    assert peer_to_peer.coordinator_name == world.user("coordinator").get_full_name()
    assert programs["Peer Connections"].participant_count == 3
    html = response.content.decode()
    assert "Putnam Middle School" in html and "District model school" in html
    assert "Peer Buddy" not in html


def test_a_coordinator_without_an_account_name_shows_the_typed_name(world):
    program = ProgramFactory(school=world.other_school, name="Peer Connections")
    PlanningTeamMemberFactory(program=program, name="Daniel Okafor", is_coordinator=True)

    access = resolve_access(world.user("district_admin"), None)
    [row] = selectors.district_programs(access=access)
    assert row.coordinator_name == "Daniel Okafor"
    assert row.current_stage is None and row.participant_count == 0


def test_a_program_without_a_coordinator_says_so(client_for, world):
    ProgramFactory(school=world.other_school, name="Peer Connections")
    assert "Not designated yet" in client_for("district_admin").get(reverse("programs:district")).content.decode()


def test_school_staff_do_not_see_the_district_page(client_for, world):
    for role in ("coordinator", "school_admin", "staff", "other_coordinator"):
        assert client_for(role).get(reverse("programs:district")).status_code == 403, role


def test_the_school_administrator_sees_the_schools_programs(client_for, world, east):
    ProgramFactory(school=world.other_school, name="Peer Connections")
    response = client_for("school_admin").get(reverse("programs:list"))
    assert [p.name for p in response.context["programs"]] == ["Peer to Peer"]
    assert response.context["programs"][0].core_team_size == 2
    assert response.context["programs"][0].open_action_items == 1


def test_the_district_administrator_finds_the_district_page_from_the_program_list(client_for, world):
    html = client_for("district_admin").get(reverse("programs:list")).content.decode()
    assert reverse("programs:district") in html
    assert reverse("programs:district") not in client_for("coordinator").get(reverse("programs:list")).content.decode()
