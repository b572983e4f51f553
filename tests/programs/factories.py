"""Factories of the ``programs`` app: programs, planning teams, meetings and action items, expansion stages, budgets,
district approvals, participants; and East's program with one of everything (``east_program``), which the role
matrix, the programs tests and the recruitment builders share. Every test builds programs' rows from here."""

import datetime
from dataclasses import dataclass

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

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
from programs.playbook.services import playbook_generate
from schools.dates import school_today
from tests.schools.factories import SchoolFactory, StudentFactory, TermFactory, UserFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Peer Program {n}")
    form = "club"
    purposes = factory.LazyFunction(lambda: ["inclusive_school", "friendships"])
    lowest_grade = factory.LazyAttribute(lambda p: p.school.lowest_grade)
    highest_grade = factory.LazyAttribute(lambda p: p.school.highest_grade)
    status = "planning"


class PlanningTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningTeamMember

    program = factory.SubFactory(ProgramFactory)
    user = None
    name = factory.LazyAttribute(lambda m: "" if m.user else f"Team member {m.role}")
    role = "general_educator"
    is_coordinator = False
    is_core = True


class ProgramParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramParticipant

    program = factory.SubFactory(ProgramFactory)
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..program.school"))


class PlanningMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningMeeting

    program = factory.SubFactory(ProgramFactory)
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    agenda = "Purpose, core components, who will be involved"
    decisions = "Start small with one grade level."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    program = factory.SubFactory(ProgramFactory)
    meeting = None
    description = factory.Sequence(lambda n: f"Action item {n}: draft the recruitment brochure")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))


class ExpansionStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpansionStage

    program = factory.SubFactory(ProgramFactory)
    order = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Stage {n}: one grade level at a time")
    target = "12 peers, 4 students"
    target_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))


class BudgetItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetItem

    program = factory.SubFactory(ProgramFactory)
    description = factory.Sequence(lambda n: f"Field trip {n}")
    category = "field_trip"
    amount = 100


class DistrictApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictApproval

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Program plan {n}")
    status = "needed"


# --- East Elementary's program with one of everything, for the role matrix and the programs tests ---
# Built once per ``world`` (kept on it), so every row of the role matrix reaches the same objects.

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# A fixed name: the role matrix runs with the project's MEDIA_ROOT, so the file is written once and reused.
MATRIX_DOCUMENT = "programs/role-matrix/program-plan.pdf"


@dataclass
class ProgramObjects:
    program: object
    coordinator_member: object
    member: object
    meeting: object
    action_item: object
    stage: object
    budget_item: object
    approval: object

    def restore(self, name: str) -> dict:
        """Put a row a previous role deleted back with the same id, so the next role meets the same URL."""
        obj = getattr(self, name)
        if not type(obj).objects.filter(pk=obj.pk).exists():
            obj.save(force_insert=True)
        return {}


def east_program(world) -> ProgramObjects:
    cached = getattr(world, "_east_program", None)
    if cached is not None:
        return cached
    program = ProgramFactory(school=world.school, name="Peer to Peer", lowest_grade=3, highest_grade=5)
    coordinator_member = PlanningTeamMemberFactory(
        program=program, user=world.user("coordinator"), role="special_educator", is_coordinator=True
    )
    member = PlanningTeamMemberFactory(program=program, user=world.user("staff"), role="general_educator")
    meeting = PlanningMeetingFactory(program=program)
    action_item = ActionItemFactory(program=program, meeting=meeting, owner=world.user("coordinator"))
    if not default_storage.exists(MATRIX_DOCUMENT):
        default_storage.save(MATRIX_DOCUMENT, ContentFile(PDF_BYTES))
    approval = DistrictApprovalFactory(program=program, name="Program plan", document=MATRIX_DOCUMENT)
    objects = ProgramObjects(
        program=program,
        coordinator_member=coordinator_member,
        member=member,
        meeting=meeting,
        action_item=action_item,
        stage=ExpansionStageFactory(program=program, order=1),
        budget_item=BudgetItemFactory(program=program),
        approval=approval,
    )
    world._east_program = objects
    return objects


def east_participant(world):
    """A peer taking part in East's program, made only when a row needs it (so the matching tests' participants stay
    as they are). A role that removed them leaves them "left"; the next role meets the same row."""
    cached = getattr(world, "_east_participant", None)
    if cached is None:
        student = StudentFactory(school=world.school, first_name="Ava", last_name="Lopez", grade=4)
        cached = ProgramParticipantFactory(program=east_program(world).program, student=student)
        world._east_participant = cached
    return cached


# --- The year playbook (issue 19, helper h4) ----------------------------------------------------------------------


def school_year(school, *, start: datetime.date, end: datetime.date, name: str | None = None):
    """A school's "school year" term (the playbook's dates are counted from its first and last days)."""
    return TermFactory(school=school, kind="school_year", start_date=start, end_date=end,
                       name=name or f"{start.year}–{end.year}")


@dataclass
class PlaybookObjects:
    school_year: object
    playbook: object
    step: object


def east_playbook(world) -> PlaybookObjects:
    """East's program's playbook for the school year under way (generated from the guide's steps), made once."""
    cached = getattr(world, "_east_playbook", None)
    if cached is not None:
        return cached
    today = school_today(world.school)
    year = school_year(
        world.school, start=today - datetime.timedelta(days=60), end=today + datetime.timedelta(days=240),
        name="This school year",
    )
    playbook = playbook_generate(program=east_program(world).program, school_year=year)
    cached = PlaybookObjects(school_year=year, playbook=playbook, step=playbook.steps.order_by("order").first())
    world._east_playbook = cached
    return cached
