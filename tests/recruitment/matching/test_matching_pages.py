"""Matching pages: what each role sees and may do, every bad input (forged ids, broken rules, bad numbers) answered
with a clear message and nothing half-saved, the confidential avoid list logged, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import Match, MatchingSettings
from schools.models import AccessLogEntry, PeerAvailability
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory

from .conftest import add_peer


def page(setup):
    return reverse("recruitment:matching", kwargs={"pk": setup.program.pk})


def url(name, setup, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"pk": setup.program.pk, **kwargs})


SETTINGS = {"peer_capacity": 1, "min_peers_per_student": 2, "max_peers_per_student": 4}


def test_coordinator_proposes_and_sees_reasons_and_warnings(client_for, setup):
    client = client_for("coordinator")
    response = client.post(url("matching_propose", setup), SETTINGS, follow=True)
    text = response.content.decode()
    assert "3 pairings proposed." in text
    assert "Lily has 1 of at least 2 peers" in text
    assert "Noah would like to get to know Harper" in text
    # Orientation tracks readiness (tests/orientation/readiness/test_matching_readiness.py): with no required topic
    # in the library every peer is ready, so nothing is flagged.
    assert "orientation is not recorded yet" not in text.lower() and "not ready yet" not in text
    assert "Confirm all 3 proposals" in text
    assert "no-store" in response.headers["Cache-Control"]


def test_staff_read_without_buttons_or_the_confidential_link(client_for, setup):
    client_for("coordinator").post(url("matching_propose", setup), SETTINGS)
    text = client_for("staff").get(page(setup)).content.decode()
    assert "Shares drawing and soccer" in text
    assert "Propose matches" not in text and "Remove" not in text
    assert "Preferences (confidential)" not in text
    assert client_for("staff").post(url("matching_propose", setup), SETTINGS).status_code == 403
    assert "Preferences (confidential)" in client_for("coordinator").get(page(setup)).content.decode()


def test_bad_settings_are_refused_and_nothing_is_proposed(client_for, setup):
    response = client_for("coordinator").post(
        url("matching_propose", setup), {**SETTINGS, "min_peers_per_student": 5, "max_peers_per_student": 2},
        follow=True,
    )
    assert "The most peers per student must not be fewer than the least." in response.content.decode()
    response = client_for("coordinator").post(url("matching_propose", setup), {"peer_capacity": "lots"}, follow=True)
    assert "Enter a whole number." in response.content.decode()
    assert not Match.objects.exists()
    assert not MatchingSettings.objects.exists()


def hand(client, setup, student, peer):
    return client.post(url("matching_add", setup), {"focus_student": student.pk, "peer": peer.pk})


def test_hand_pairing_is_proposed_with_its_reason(client_for, setup):
    response = hand(client_for("coordinator"), setup, setup.noah, setup.harper)
    assert response.status_code == 302
    match = Match.objects.get()
    assert match.by_hand and match.status == Match.Status.PROPOSED
    assert "both free 3rd period" in match.explanation


@pytest.mark.parametrize(
    "peer,message",
    [
        ("mason", "Noah would rather not be paired with Mason."),
        ("busy", "Busy is not free in any period when Noah&#x27;s classes, lunch or activities happen."),
    ],
)
def test_hand_pairing_that_breaks_a_rule_gets_a_clear_message(client_for, setup, peer, message):
    response = hand(client_for("coordinator"), setup, setup.noah, getattr(setup, peer))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Match.objects.exists()


def test_hand_pairing_over_capacity_gets_a_clear_message(client_for, setup):
    client = client_for("coordinator")
    hand(client, setup, setup.noah, setup.sofia)
    response = hand(client, setup, setup.lily, setup.sofia)
    assert "Sofia already supports 1 student(s), the most one peer takes on." in response.content.decode()
    assert Match.objects.count() == 1


def test_hand_pairing_with_forged_or_wrong_ids_is_refused(client_for, world, setup):
    client = client_for("coordinator")
    other_school_peer = StudentFactory(school=world.other_school, grade=7)
    other_program = ProgramFactory(school=world.school, name="Other program")
    outsider = StudentFactory(school=world.school, first_name="Outsider")
    ProgramParticipantFactory(program=other_program, student=outsider)
    for data in (
        {"focus_student": setup.noah.pk, "peer": other_school_peer.pk},
        {"focus_student": setup.noah.pk, "peer": outsider.pk},  # not in this program
        {"focus_student": setup.harper.pk, "peer": setup.sofia.pk},  # a peer as the student
        {"focus_student": "abc", "peer": ""},
        {},
    ):
        response = client.post(url("matching_add", setup), data)
        assert response.status_code == 200, data
        text = response.content.decode()
        assert "Select a valid choice" in text or "This field is required" in text, data
    assert not Match.objects.exists()


def test_another_schools_objects_are_not_found(client_for, world, setup):
    client = client_for("coordinator")
    client.post(url("matching_propose", setup), SETTINGS)
    match = Match.objects.first()
    other = ProgramFactory(school=world.other_school)
    other_match = Match.objects.create(
        program=other, term=setup.term, focus_student=FocusStudentFactory(school=world.other_school, grade=7),
        peer=StudentFactory(school=world.other_school, grade=7),
    )
    assert client.get(reverse("recruitment:matching", kwargs={"pk": other.pk})).status_code == 404
    assert client.post(url("matching_remove", setup, match_pk=other_match.pk)).status_code == 404
    assert client.post(url("matching_confirm", setup), {"match": other_match.pk}).status_code == 404
    assert client.post(url("matching_confirm", setup), {"match": "x"}).status_code == 404
    assert client_for("other_coordinator").post(url("matching_remove", setup, match_pk=match.pk)).status_code == 404
    assert Match.objects.filter(pk=match.pk, status=Match.Status.PROPOSED).exists()


def test_confirm_one_confirm_all_and_remove(client_for, setup):
    client = client_for("coordinator")
    client.post(url("matching_propose", setup), SETTINGS)
    one = Match.objects.get(peer=setup.harper)
    response = client.post(url("matching_confirm", setup), {"match": one.pk}, follow=True)
    assert "1 match confirmed." in response.content.decode()
    assert Match.objects.filter(status=Match.Status.CONFIRMED).count() == 1
    client.post(url("matching_confirm", setup))
    assert Match.objects.filter(status=Match.Status.CONFIRMED).count() == 3
    response = client.post(url("matching_remove", setup, match_pk=one.pk), follow=True)
    assert "The match of Harper with Noah has ended." in response.content.decode()
    one.refresh_from_db()
    assert one.status == Match.Status.ENDED


def test_preferences_are_for_those_who_may_see_them_and_every_look_is_logged(client_for, world, setup):
    target = url("matching_preferences", setup, student_pk=setup.noah.pk)
    assert client_for("staff").get(target).status_code == 403
    response = client_for("coordinator").get(target)
    text = response.content.decode()
    assert "Would rather avoid" in text and "Mason" in text
    entry = AccessLogEntry.objects.get(student=setup.noah)
    assert entry.user == world.user("coordinator") and entry.what == "peer preferences (matching)"
    # A peer's id, or another program's student, is not a focus student of this program.
    assert client_for("coordinator").get(url("matching_preferences", setup, student_pk=setup.sofia.pk)).status_code \
        == 404


def test_support_team_member_sees_that_students_preferences(client_for, world, setup):
    setup.noah.support_team.add(world.user("staff"))
    client = client_for("staff")
    assert client.get(url("matching_preferences", setup, student_pk=setup.noah.pk)).status_code == 200
    assert client.get(url("matching_preferences", setup, student_pk=setup.lily.pk)).status_code == 403


def test_no_current_term_says_so(client_for, world, setup):
    setup.term.start_date = setup.term.start_date.replace(year=setup.term.start_date.year - 5)
    setup.term.end_date = setup.term.end_date.replace(year=setup.term.end_date.year - 5)
    setup.term.save()
    client = client_for("coordinator")
    assert "There is no current term" in client.get(page(setup)).content.decode()
    response = client.post(url("matching_propose", setup), SETTINGS, follow=True)
    assert "There is no current term" in response.content.decode()


def test_programs_list_counts_matches(client_for, setup):
    client_for("coordinator").post(url("matching_propose", setup), SETTINGS)
    text = client_for("staff").get(reverse("recruitment:matching_programs")).content.decode()
    assert "Peer to Peer" in text and "<td>3</td>" in text


def test_matches_page_queries_do_not_grow_with_the_matches(client_for, world, setup, django_assert_max_num_queries):
    client_for("coordinator").post(url("matching_propose", setup), SETTINGS)
    client = client_for("staff")  # the support-team check is the costly case: one query for every student
    with CaptureQueriesContext(connection) as few:
        assert client.get(page(setup)).status_code == 200
    for n in range(8):
        student = FocusStudentFactory(school=world.school, first_name=f"Extra{n}", grade=3)
        ProgramParticipantFactory(program=setup.program, student=student)
        for k in range(2):
            peer = add_peer(setup.program, first_name=f"P{n}{k}")
            Match.objects.create(program=setup.program, term=setup.term, focus_student=student, peer=peer,
                                 explanation="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page(setup)).status_code == 200


def test_confirm_says_which_proposals_no_longer_hold(client_for, setup):
    client = client_for("coordinator")
    client.post(url("matching_propose", setup), SETTINGS)
    PeerAvailability.objects.filter(student=setup.sofia).delete()
    text = client.post(url("matching_confirm", setup), follow=True).content.decode()
    assert "2 matches confirmed." in text
    assert "Not confirmed: Sofia with Noah. Sofia is not free in any period" in text
