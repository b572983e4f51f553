"""The peer handout about a focus student: built only from the peer-safe profile (about me, how I communicate, how
you can help), the name through ``shared_name``; for staff and the peers paired with that student (any other peer:
404; a focus student: 403). Not in the access log, since it holds nothing confidential. The PDF is laid out cleanly
with the shortest and the longest texts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.demo_data import FOCUS_STUDENTS
from schools.models import AccessLogEntry
from tests.orientation.factories import east_readiness
from tests.programs.factories import ProgramParticipantFactory
from tests.recruitment.materials.pdf_layout import layout_faults, page_text
from tests.schools.factories import FocusStudentFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOAH = FOCUS_STUDENTS[0]
# A paragraph of the guide, repeated: a long text a family and a teacher might write in each field.
GUIDE = (
    "Peer partner programs are a formal way of creating additional avenues through which students with and "
    "without disabilities can spend time together across school settings. Relationships are usually forged "
    "through shared activities over time. "
)


@pytest.fixture
def east(world):
    objects = east_readiness(world)
    noah = world.focus_student
    noah.interests, noah.communication = NOAH[4], NOAH[5]
    noah.how_to_help = "Sit beside me at lunch and ask me about trains."
    noah.save()
    return objects


def handout_url(student, pdf=False):
    return reverse("orientation:handout_pdf" if pdf else "orientation:handout", kwargs={"pk": student.pk})


def test_the_paired_peer_reads_the_handout(client_for, world, east):
    text = client_for("peer").get(handout_url(world.focus_student)).content.decode()
    assert "About Noah" in text and "Trains, dinosaurs" in text and "ask me about trains" in text
    for heading in ("About me", "How I communicate", "How you can help"):
        assert heading in text
    assert "Bennett" not in text  # the first name only
    assert world.focus_student.support_needs not in text


def test_another_peer_gets_not_found_and_a_focus_student_is_not_a_viewer(client, client_for, world, east):
    from tests.two_factor import sign_in_verified

    other = UserFactory(username="east.other.peer")
    StudentFactory(school=world.school, user=other, first_name="Mia")
    sign_in_verified(client, other)
    assert client.get(handout_url(world.focus_student)).status_code == 404
    assert client.get(handout_url(world.focus_student, pdf=True)).status_code == 404
    assert client_for("focus_student").get(handout_url(world.focus_student)).status_code == 403
    # A peer's own record or another peer's is never a handout, even for staff.
    assert client_for("staff").get(handout_url(world.peer_student)).status_code == 404


def test_a_directory_opt_out_hides_the_name(client_for, world, east):
    world.focus_student.directory_opt_out = True
    world.focus_student.save()
    client = client_for("peer")
    text = client.get(handout_url(world.focus_student)).content.decode()
    assert "Noah" not in text and "About Your partner" in text
    response = client.get(handout_url(world.focus_student, pdf=True))
    assert "Noah" not in response["Content-Disposition"]
    assert "Noah" not in page_text(response.content)


def test_reading_and_printing_a_handout_is_not_logged(client_for, world, east, weasyprint_ready):
    for role in ("peer", "coordinator", "staff"):
        client = client_for(role)
        assert client.get(handout_url(world.focus_student)).status_code == 200
        assert client.get(handout_url(world.focus_student, pdf=True)).status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_the_peers_dashboard_links_to_their_partners_handouts(client_for, world, east):
    text = client_for("peer").get(reverse("dashboard")).content.decode()
    assert "Handouts about your partners" in text and handout_url(world.focus_student) in text
    assert "Handouts about your partners" not in client_for("staff").get(reverse("dashboard")).content.decode()


def test_the_programs_handouts_list_for_staff(client_for, world, east):
    lily = FocusStudentFactory(school=world.school, first_name="Lily", directory_opt_out=True)
    ProgramParticipantFactory(program=east.program, student=lily)
    text = client_for("staff").get(reverse("orientation:handouts", kwargs={"pk": east.program.pk})).content.decode()
    assert "About Noah" in text and "About Your partner" in text and "Lily" not in text
    assert handout_url(lily, pdf=True) in text
    assert client_for("peer").get(reverse("orientation:handouts", kwargs={"pk": east.program.pk})).status_code == 403


def test_the_handouts_list_does_not_grow_with_students(client_for, world, east):
    client = client_for("staff")
    url = reverse("orientation:handouts", kwargs={"pk": east.program.pk})

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(6):
        ProgramParticipantFactory(program=east.program, student=FocusStudentFactory(school=world.school))
    assert count() == few


@pytest.mark.parametrize("length", ["shortest", "longest"])
def test_the_pdf_is_laid_out_cleanly(client_for, world, east, weasyprint_ready, length):
    noah = world.focus_student
    if length == "shortest":
        noah.first_name, noah.interests, noah.communication, noah.how_to_help = "Al", "Cats", "", "Say hi."
    else:
        noah.first_name = "Maximiliano-Alexander"
        noah.interests = (GUIDE * 8).strip()
        noah.communication = (GUIDE * 6).strip()
        noah.how_to_help = "https://www.example.org/" + "a-very-long-unbroken-link-" * 8 + " " + (GUIDE * 6).strip()
    noah.save()
    response = client_for("staff").get(handout_url(noah, pdf=True))
    assert response["Content-Type"] == "application/pdf"
    assert layout_faults(response.content) == []
    text = page_text(response.content)
    assert f"About {noah.first_name}" in text and "How you can help" in text
    if length == "shortest":
        assert "Not written yet." in text  # the empty field says so instead of a blank box


def test_another_school_gets_not_found(client_for, world, east):
    assert client_for("other_coordinator").get(handout_url(world.focus_student)).status_code == 404
    assert client_for("other_coordinator").get(handout_url(world.focus_student, pdf=True)).status_code == 404
