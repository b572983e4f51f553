"""What programs exposes to the apps after it (recruitment now; orientation, activities and evaluation later):
selectors that take a program or a school, not a request, so tasks and demo seeders can call them."""

from programs import selectors
from programs.models import ProgramParticipant
from schools.models import Student
from tests.programs.factories import PlanningTeamMemberFactory, ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory, UserFactory


def test_active_participants_are_the_students_taking_part_now_by_kind(world):
    program = ProgramFactory(school=world.school)
    for student in (world.focus_student, world.peer_student):
        ProgramParticipantFactory(program=program, student=student)
    left = StudentFactory(school=world.school, first_name="Left")
    ProgramParticipantFactory(program=program, student=left, status=ProgramParticipant.Status.LEFT)
    elsewhere = FocusStudentFactory(school=world.school, first_name="Elsewhere")
    ProgramParticipantFactory(program=ProgramFactory(school=world.school), student=elsewhere)

    def first_names(**kind):
        return list(selectors.active_participants(program=program, **kind).values_list("first_name", flat=True))

    assert sorted(first_names()) == ["Noah", "Sofia"]
    assert first_names(kind=Student.Kind.FOCUS) == ["Noah"]
    assert first_names(kind=Student.Kind.PEER) == ["Sofia"]


def test_school_programs_are_one_schools_oldest_first(world):
    first = ProgramFactory(school=world.school, name="Peer to Peer")
    second = ProgramFactory(school=world.school, name="A later club")
    ProgramFactory(school=world.other_school)

    assert list(selectors.school_programs(school=world.school)) == [first, second]


def test_program_purposes_keep_the_teams_order_and_leave_out_unknown_values(world):
    program = ProgramFactory(school=world.school, purposes=["new_skills", "retired_purpose", "friendships"])

    assert selectors.program_purposes(program) == ["new_skills", "friendships"]


def test_team_users_are_the_accounts_of_the_team_coordinator_first(world):
    program = ProgramFactory(school=world.school)
    member = UserFactory(username="member")
    coordinator = UserFactory(username="lead")
    PlanningTeamMemberFactory(program=program, user=member)
    PlanningTeamMemberFactory(program=program, user=coordinator, is_coordinator=True)
    PlanningTeamMemberFactory(program=program, user=None, name="Parent without an account")

    assert selectors.team_users(program=program) == [coordinator, member]
