"""What a peer sees of their partners: the peer-safe profile of confirmed pairings only, never a confidential field."""

import pytest
from django.urls import reverse

from recruitment.models import Match
from tests.recruitment.factories import east_matching
from tests.schools.factories import BehaviorNoteFactory, FocusStudentFactory, GuardianFactory, PeerPreferenceFactory


@pytest.fixture
def paired(world):
    match = east_matching(world).match
    match.status = Match.Status.CONFIRMED
    match.save()
    student = world.focus_student
    student.how_to_help = "Show me the first step"
    student.save()
    return {
        "goal": world.iep_goal.goal,
        "support": student.support_needs,
        "behavior": BehaviorNoteFactory(student=student).behavior,
        "guardian": GuardianFactory(student=student).name,
        "preference": PeerPreferenceFactory(student=student).group,
    }


def test_a_peer_sees_their_partner_on_the_dashboard_and_opens_the_peer_safe_profile(client_for, world, paired):
    client = client_for("peer")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Your partners" in dashboard and world.focus_student.first_name in dashboard
    profile = client.get(reverse("recruitment:partner_profile", kwargs={"pk": world.focus_student.pk}))
    assert profile.status_code == 200
    html = profile.content.decode()
    assert "Show me the first step" in html
    assert "no-store" in profile["Cache-Control"]
    for page in (dashboard, html):
        for value in paired.values():
            assert value not in page
        assert world.focus_student.last_name not in page


def test_a_proposed_match_is_not_a_pairing_yet(client_for, world):
    east_matching(world)
    client = client_for("peer")
    assert client.get(reverse("recruitment:partner_profile", kwargs={"pk": world.focus_student.pk})).status_code == 404
    assert "Your coordinator will tell you" in client.get(reverse("dashboard")).content.decode()


def test_a_peer_cannot_open_another_students_profile(client_for, world, paired):
    stranger = FocusStudentFactory(school=world.school)
    url = reverse("recruitment:partner_profile", kwargs={"pk": stranger.pk})
    assert client_for("peer").get(url).status_code == 404


def test_the_focus_student_sees_their_peers_first_names(client_for, world, paired):
    html = client_for("focus_student").get(reverse("dashboard")).content.decode()
    assert "Your peer partners" in html
    assert world.peer_student.first_name in html
    assert world.peer_student.last_name not in html
