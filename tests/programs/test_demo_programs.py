"""``seed_demo`` gives each demo school a program from the guide's case applications; running it again changes
nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from programs.demo_data import PROGRAMS
from programs.models import (
    ActionItem,
    BudgetItem,
    DistrictApproval,
    ExpansionStage,
    PlanningMeeting,
    PlanningTeamMember,
    Program,
    ProgramParticipant,
)
from schools.dates import school_today
from schools.models import School

MODELS = (Program, ProgramParticipant, PlanningTeamMember, PlanningMeeting, ActionItem, ExpansionStage, BudgetItem,
          DistrictApproval)


def counts():
    return [model.objects.count() for model in MODELS]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module (it takes a while: a term of shared activities), rolled back after it.
    Each test runs in a savepoint of its own, so what one changes (running it again, another password) is undone."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, db):
    return None


def test_running_it_again_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before
    assert min(before) > 0


@pytest.mark.parametrize(
    "slug,name,coordinator",
    [
        ("east-elementary", "Peer to Peer", "east.coordinator"),
        ("putnam-middle", "Peer Connections", "putnam.coordinator"),
        ("beaman-intermediate", "Peer Buddy", "beaman.coordinator"),
    ],
)
def test_each_school_has_its_case_application(seeded, slug, name, coordinator):
    school = School.objects.get(slug=slug)
    program = Program.objects.get(school=school)
    today = school_today(school)

    assert program.name == name
    assert 3 <= program.team.filter(is_core=True).count() <= 5
    assert program.team.get(is_coordinator=True).user.username == coordinator
    meetings = program.meetings.all()
    assert len(meetings) == 2 and all(meeting.decisions for meeting in meetings)
    items = program.action_items.all()
    assert 3 <= len(items) <= 5
    assert any(item.due_on == today + datetime.timedelta(days=1) for item in items)
    assert any(item.due_on < today and item.completed_on is None for item in items)
    assert all(item.owner.memberships.filter(school=school, is_active=True).exists() for item in items)
    assert program.expansion_stages.exists() and program.budget_items.exists() and program.approvals.exists()
    # Its focus students and last year's peers; this year's peers joined when their applications were accepted.
    spec = PROGRAMS[slug]
    names = set(spec["focus_students"]) | {(first, last) for first, last, *_parent in spec["returning_peers"]}
    recruited = program.participants.filter(student__applications__status="accepted")
    taking_part = program.participants.exclude(pk__in=recruited).values_list(
        "student__first_name", "student__last_name"
    )
    assert set(taking_part) == names
    assert recruited.exists()


def test_the_guides_details_are_there(seeded):
    putnam = Program.objects.get(name="Peer Connections")
    assert "wheelchair soccer" in putnam.meetings.order_by("held_on").first().decisions
    assert putnam.is_model_program
    beaman = Program.objects.get(name="Peer Buddy")
    assert "community garden" in beaman.core_components
    assert set(beaman.team.exclude(user=None).values_list("user__username", flat=True)) == {
        "beaman.coordinator", "beaman.science", "beaman.woodshop",
    }
    east = Program.objects.get(name="Peer to Peer")
    assert "more inclusive model" in east.purpose_notes
    assert east.approvals.exclude(document="").exists()
