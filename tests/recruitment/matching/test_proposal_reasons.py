"""After "Propose matches" the coordinator learns why: with no pairing proposed, what stands in the way (no focus
students, everyone has enough peers, no shared free period, consent missing); after any run, the peers not placed
and the students below their minimum, each with the reason. An empty program's page leads to its participants."""

import datetime
import html

from django.urls import reverse

from programs.models import ProgramParticipant
from tests.programs.factories import ProgramFactory

from .test_consent_expiry import needs_consent

SETTINGS = {"peer_capacity": 1, "min_peers_per_student": 2, "max_peers_per_student": 4}


def propose(client, program, **settings):
    url = reverse("recruitment:matching_propose", kwargs={"pk": program.pk})
    response = client.post(url, {**SETTINGS, **settings}, follow=True)
    return html.unescape(response.content.decode())


def confirm_all(client, program):
    client.post(reverse("recruitment:matching_confirm", kwargs={"pk": program.pk}))


def test_after_a_run_the_peers_not_placed_and_students_short_are_listed_with_the_reason(client_for, setup):
    text = propose(client_for("coordinator"), setup.program)
    assert "3 pairings proposed." in text
    assert ("Peers not placed: Busy is not placed: they are not free in any period when a focus student's classes, "
            "lunch or activities happen.") in text
    assert "Below their minimum: Lily has 1 of at least 2 peers" in text
    # The peer who left the program is not taking part, so not "not placed" either.
    assert "Gone" not in text


def test_zero_proposals_because_no_peer_with_room_shares_a_free_period(client_for, setup):
    client = client_for("coordinator")
    propose(client, setup.program)
    confirm_all(client, setup.program)
    text = propose(client, setup.program)
    assert ("0 pairings proposed. No peer with room left is free in a period when a student who could take another "
            "peer has classes, lunch or activities") in text
    assert "Peers not placed: Busy is not placed" in text
    assert "Lily has 1 of at least 2 peers" in text


def test_zero_proposals_because_everyone_has_the_most_peers(client_for, setup):
    client = client_for("coordinator")
    propose(client, setup.program, min_peers_per_student=1, max_peers_per_student=1)
    confirm_all(client, setup.program)
    text = propose(client, setup.program, min_peers_per_student=1, max_peers_per_student=1)
    assert "0 pairings proposed. Every focus student already has the most peers (1)." in text
    assert "Below their minimum" not in text


def test_zero_proposals_because_consent_is_missing(client_for, setup):
    # Only Noah takes part, and the one peer free when he is has a consent that ran out yesterday.
    ProgramParticipant.objects.filter(student=setup.lily).delete()
    ProgramParticipant.objects.filter(student__in=[setup.sofia, setup.mason, setup.busy]).update(status="left")
    needs_consent(setup.program, setup.harper, valid_until=datetime.date.today() - datetime.timedelta(days=1))
    text = propose(client_for("coordinator"), setup.program)
    assert ("0 pairings proposed. No peers who may be placed take part in this program. 1 peer is left out because "
            "their guardian's consent is missing or has expired.") in text


def test_zero_proposals_without_focus_students_link_to_the_participants_page(client_for, world):
    program = ProgramFactory(school=world.school, name="Lunch Bunch")
    client = client_for("coordinator")
    text = propose(client, program)
    assert "0 pairings proposed. No focus students take part in this program yet." in text
    participants = reverse("programs:participants", kwargs={"pk": program.pk})
    assert f'<a href="{participants}">Add focus students and peers to the program</a>' in text


def test_the_empty_state_links_to_the_participants_page_for_every_reader(client_for, world):
    program = ProgramFactory(school=world.school, name="Lunch Bunch")
    page = reverse("recruitment:matching", kwargs={"pk": program.pk})
    participants = reverse("programs:participants", kwargs={"pk": program.pk})
    text = client_for("staff").get(page).content.decode()
    assert "No focus students take part in this program yet." in text
    assert f'<a href="{participants}">See who takes part in the program</a>' in text
    assert client_for("staff").get(participants).status_code == 200


def test_a_long_list_of_reasons_is_cut_with_a_count(client_for, setup):
    from .conftest import add_peer

    for n in range(12):
        add_peer(setup.program, first_name=f"Idle{n:02d}", grade=3)
    text = propose(client_for("coordinator"), setup.program)
    assert "Idle00 is not placed: no free periods are recorded for them." in text
    assert "And 3 more." in text
