"""East Elementary's program with one of everything, for the role matrix and the programs tests.

Built once per ``world`` (kept on it), so every row of the role matrix reaches the same objects.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..factories import (
    ActionItemFactory,
    BudgetItemFactory,
    DistrictApprovalFactory,
    ExpansionStageFactory,
    PlanningMeetingFactory,
    PlanningTeamMemberFactory,
    ProgramFactory,
    ProgramParticipantFactory,
    StudentFactory,
)

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
