"""A peer's and a focus student's own page names the programs they take part in now (and nothing else of them)."""

from django.urls import reverse

from programs.models import ProgramParticipant
from tests.programs.factories import ProgramParticipantFactory


def own_page(client_for, role) -> str:
    response = client_for(role).get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_peer_sees_their_program(client_for, world):
    program = ProgramParticipantFactory(program__school=world.school, student=world.peer_student).program
    html = own_page(client_for, "peer")
    assert "Your program" in html and program.name in html


def test_a_focus_student_sees_their_program(client_for, world):
    program = ProgramParticipantFactory(program__school=world.school, student=world.focus_student).program
    assert program.name in own_page(client_for, "focus_student")


def test_a_program_they_left_or_someone_elses_does_not_show(client_for, world):
    left = ProgramParticipantFactory(
        program__school=world.school, student=world.peer_student, status=ProgramParticipant.Status.LEFT
    ).program
    someone_elses = ProgramParticipantFactory(program__school=world.school, student=world.focus_student).program
    html = own_page(client_for, "peer")
    assert left.name not in html and someone_elses.name not in html
    assert "You are not in a program yet." in html


def test_staff_dashboards_do_not_get_the_students_panel(client_for, world):
    ProgramParticipantFactory(program__school=world.school, student=world.peer_student)
    assert 'id="own-programs-heading"' not in own_page(client_for, "coordinator")
