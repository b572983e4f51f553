"""The invite page and the peer's own page run the same number of queries for one row as for many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orientation.models import Orientation
from recruitment.models import Match
from tests.orientation.factories import InvitationFactory, InvitationsOrientationFactory, MeetingFactory
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, MembershipFactory, StudentFactory, UserFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(setup, world, n):
    for index in range(n):
        peer = StudentFactory(school=world.school, user=UserFactory(username=f"peer{index}"))
        focus = FocusStudentFactory(school=world.school, grade=3)
        for student in (peer, focus):
            ProgramParticipantFactory(program=setup.program, student=student)
        Match.objects.create(program=setup.program, term=world.term, focus_student=focus, peer=peer,
                             status=Match.Status.CONFIRMED)
        InvitationFactory(orientation=setup.orientation, student=StudentFactory(school=world.school))
        InvitationFactory(orientation=setup.orientation, user=MembershipFactory(school=world.school).user)
        MeetingFactory(orientation=setup.orientation, place=f"Room {index}")


def test_the_invite_page_does_not_grow_with_people(client_for, world, setup, django_assert_max_num_queries):
    setup.orientation.audience = Orientation.Audience.PEERS_AND_STUDENTS
    setup.orientation.save()
    client = client_for("coordinator")
    url = reverse("orientation:invite", kwargs={"pk": setup.orientation.pk})
    few = queries_for(client, url)
    grow(setup, world, 6)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.context["invited"]) == 12


def test_the_own_page_does_not_grow_with_invitations(client_for, world, setup, django_assert_max_num_queries):
    client = client_for("peer")
    url = reverse("orientation:mine")
    InvitationFactory(orientation=setup.orientation, student=setup.sofia)
    few = queries_for(client, url)
    for index in range(6):
        orientation = InvitationsOrientationFactory(program=setup.program, term=world.term, title=f"Follow-up {index}")
        MeetingFactory.create_batch(2, orientation=orientation)
        InvitationFactory(orientation=orientation, student=setup.sofia)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.context["rows"]) == 7


def test_the_dashboard_panel_does_not_grow_with_invitations(client_for, world, setup, django_assert_max_num_queries):
    client = client_for("peer")
    InvitationFactory(orientation=setup.orientation, student=setup.sofia)
    few = queries_for(client, reverse("dashboard"))
    for index in range(5):
        orientation = InvitationsOrientationFactory(program=setup.program, term=world.term, title=f"Follow-up {index}")
        MeetingFactory(orientation=orientation)
        InvitationFactory(orientation=orientation, student=setup.sofia)
    with django_assert_max_num_queries(few):
        client.get(reverse("dashboard"))
