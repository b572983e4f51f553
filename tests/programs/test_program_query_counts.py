"""List pages and dashboard panels run the same number of queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programs.factories import (
    ActionItemFactory,
    BudgetItemFactory,
    DistrictApprovalFactory,
    ExpansionStageFactory,
    PlanningMeetingFactory,
    PlanningTeamMemberFactory,
    ProgramFactory,
    ProgramParticipantFactory,
)
from tests.schools.factories import TermFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_program(program, owner, n=6):
    for index in range(n):
        meeting = PlanningMeetingFactory(program=program)
        ActionItemFactory.create_batch(2, program=program, meeting=meeting, owner=owner)
        ExpansionStageFactory(program=program, order=100 + index)
        PlanningTeamMemberFactory(program=program, name=f"Parent {index}", role="parent")
        BudgetItemFactory(program=program, term=TermFactory(school=program.school))
        DistrictApprovalFactory(program=program)
        ProgramParticipantFactory(program=program)


def test_the_program_list_does_not_grow_with_programs(client_for, world, east, django_assert_max_num_queries):
    client = client_for("school_admin")
    few = queries_for(client, reverse("programs:list"))
    for n in range(8):
        grow_program(ProgramFactory(school=world.school, name=f"Program {n}"), world.user("staff"), n=2)
    with django_assert_max_num_queries(few):
        client.get(reverse("programs:list"))


def test_the_district_page_does_not_grow_with_programs(client_for, world, east, django_assert_max_num_queries):
    client = client_for("district_admin")
    few = queries_for(client, reverse("programs:district"))
    for n in range(6):
        program = ProgramFactory(school=world.other_school, name=f"Putnam program {n}")
        grow_program(program, world.user("other_coordinator"), n=2)
    with django_assert_max_num_queries(few):
        client.get(reverse("programs:district"))


@pytest.mark.parametrize("page", ["detail", "team", "meetings", "expansion", "budget", "approvals"])
def test_program_pages_do_not_grow_with_rows(client_for, world, east, page, django_assert_max_num_queries):
    client = client_for("coordinator")
    url = reverse(f"programs:{page}", kwargs={"pk": east.program.pk})
    few = queries_for(client, url)
    grow_program(east.program, world.user("staff"))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_meeting_page_does_not_grow_with_action_items(client_for, world, east, django_assert_max_num_queries):
    client = client_for("coordinator")
    url = reverse("programs:meeting_detail", kwargs={"pk": east.program.pk, "meeting_pk": east.meeting.pk})
    few = queries_for(client, url)
    ActionItemFactory.create_batch(10, program=east.program, meeting=east.meeting, owner=world.user("staff"))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_dashboard_does_not_grow_with_action_items_and_programs(
    client_for, world, east, django_assert_max_num_queries
):
    client = client_for("coordinator")
    few = queries_for(client, reverse("dashboard"))
    for n in range(5):
        grow_program(ProgramFactory(school=world.school, name=f"Program {n}"), world.user("coordinator"), n=2)
    with django_assert_max_num_queries(few):
        client.get(reverse("dashboard"))
