"""A student's page leads on: a focus student's programs and peers, a peer's partners, application and program, each
linking to its page. Other apps add these sections through ``schools.student_sections`` (the core app imports none
of them); who sees a section follows the app's own permission, and no confidential field of a partner shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import Match, PeerApplication
from schools.models import PeerPreference
from tests.programs.factories import ProgramParticipantFactory
from tests.recruitment.factories import CampaignFactory, PeerApplicationFactory, east_matching
from tests.schools.factories import FocusStudentFactory, PeerPreferenceFactory, StudentFactory


def page(client, student) -> str:
    response = client.get(reverse("student_detail", kwargs={"pk": student.pk}))
    assert response.status_code == 200
    return response.content.decode()


def confirmed_pairing(world):
    objects = east_matching(world)
    objects.match.status = Match.Status.CONFIRMED
    objects.match.save(update_fields=["status"])
    return objects


def test_a_focus_students_page_lists_their_programs_and_peers(client_for, world):
    program = confirmed_pairing(world).program
    html = page(client_for("staff"), world.focus_student)

    assert reverse("programs:detail", kwargs={"pk": program.pk}) in html
    assert program.name in html
    assert reverse("student_detail", kwargs={"pk": world.peer_student.pk}) in html
    assert world.peer_student.full_name in html
    assert "Confirmed" in html
    assert reverse("recruitment:matching", kwargs={"pk": program.pk}) in html


def test_a_peers_page_lists_their_partner_application_and_program(client_for, world):
    program = confirmed_pairing(world).program
    campaign = CampaignFactory(program=program, term=world.term)
    application = PeerApplicationFactory(
        campaign=campaign, first_name="Sofia", last_name="Ramirez", status=PeerApplication.Status.ACCEPTED,
        student=world.peer_student,
    )
    html = page(client_for("coordinator"), world.peer_student)

    assert reverse("student_detail", kwargs={"pk": world.focus_student.pk}) in html
    assert world.focus_student.full_name in html
    assert reverse("recruitment:application_detail", kwargs={"pk": application.pk}) in html
    assert "Accepted" in html
    assert reverse("programs:detail", kwargs={"pk": program.pk}) in html


def test_a_student_in_nothing_yet_is_told_so(client_for, world):
    html = page(client_for("coordinator"), world.peer_student)
    assert "Not taking part in a program yet." in html
    assert "Not paired with a student yet." in html
    assert "No application on file" in html


def test_the_district_sees_programs_but_not_pairings(client_for, world):
    """The district administrator reads programs but not recruitment or matching: the page follows the same rule."""
    program = confirmed_pairing(world).program
    html = page(client_for("district_admin"), world.focus_student)
    assert program.name in html
    assert world.peer_student.full_name not in html
    assert reverse("recruitment:matching", kwargs={"pk": program.pk}) not in html


def test_another_schools_pairings_never_show(client_for, world):
    """Only the active school's programs and pairings are read (``visible_to``)."""
    confirmed_pairing(world)
    other = FocusStudentFactory(school=world.other_school)
    elsewhere = ProgramParticipantFactory(student=other, program__school=world.other_school).program
    html = page(client_for("coordinator"), world.focus_student)
    assert elsewhere.name not in html


def test_a_partners_confidential_preferences_do_not_show(client_for, world):
    """The peer's page names the partner; the partner's "avoid" list and notes stay on the confidential pages."""
    confirmed_pairing(world)
    PeerPreferenceFactory(
        student=world.focus_student, kind=PeerPreference.Kind.AVOID, peer=world.peer_student, group="",
        note="zq7vkx-avoid-note",
    )
    world.focus_student.support_needs = "zq7vkx-support-needs"
    world.focus_student.save()
    html = page(client_for("staff"), world.peer_student)
    assert world.focus_student.full_name in html
    assert "zq7vkx" not in html


def test_the_page_runs_the_same_queries_for_one_partner_or_many(client_for, world):
    objects = confirmed_pairing(world)
    client = client_for("coordinator")
    url = reverse("student_detail", kwargs={"pk": world.focus_student.pk})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(4):
        peer = StudentFactory(school=world.school)
        ProgramParticipantFactory(program=objects.program, student=peer)
        Match.objects.create(
            program=objects.program, term=world.term, focus_student=world.focus_student, peer=peer,
            status=Match.Status.CONFIRMED,
        )
    for _ in range(3):
        ProgramParticipantFactory(program__school=world.school, student=world.focus_student)
    assert queries() == few
