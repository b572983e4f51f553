"""A peer not yet ready is flagged where they are matched: recruitment's matching page reads each peer's readiness
through the core registry ``schools.peer_readiness`` (recruitment never imports orientation). With the program's rule
"block", proposals skip the peer with the reason, and pairing by hand and confirming are refused with a message. With
no provider registered, matching behaves as before orientation was tracked."""

import pytest
from django.urls import reverse

from orientation.readiness import services
from recruitment.models import Match
from schools import peer_readiness
from tests.orientation.factories import ReadinessTopicFactory, TopicCoverageFactory
from tests.recruitment.factories import east_matching

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(world):
    objects = east_matching(world)
    objects.topic = ReadinessTopicFactory(school=world.school, title="When to seek help from staff")
    return objects


def url(name, east):
    return reverse(f"recruitment:{name}", kwargs={"pk": east.program.pk})


def block(east):
    services.orientation_settings_save(program=east.program, not_ready="block", younger_peers_below_grade=6)


def test_the_matching_page_names_what_a_peer_still_has_to_cover(client_for, east):
    text = client_for("coordinator").get(url("matching", east)).content.decode()
    assert "Orientation is not recorded yet" not in text
    assert "1 peer is not ready yet: required orientation topics still to cover" in text
    assert "Sofia Ramirez: When to seek help from staff" in text
    assert "Sofia is not ready yet: still to cover When to seek help from staff." in text
    assert "pairs peers only once they are ready" not in text  # the rule is "warn": pairing is allowed


def test_a_ready_peer_is_not_flagged(client_for, world, east):
    TopicCoverageFactory(student=world.peer_student, topic=east.topic)
    text = client_for("coordinator").get(url("matching", east)).content.decode()
    assert "not ready yet" not in text and "Orientation is not recorded yet" not in text


def test_under_warn_a_peer_not_ready_is_confirmed(client_for, east):
    response = client_for("coordinator").post(url("matching_confirm", east), {"match": east.match.pk}, follow=True)
    assert "Not confirmed" not in response.content.decode()
    east.match.refresh_from_db()
    assert east.match.status == Match.Status.CONFIRMED


def test_under_block_confirming_a_peer_not_ready_is_refused(client_for, east):
    block(east)
    client = client_for("coordinator")
    assert "be proposed, paired or confirmed until then" in client.get(
        url("matching", east)).content.decode()
    response = client.post(url("matching_confirm", east), {"match": east.match.pk}, follow=True)
    assert ("Sofia has not covered every required orientation topic yet, and this program pairs peers only once "
            "they are ready.") in response.content.decode()
    east.match.refresh_from_db()
    assert east.match.status == Match.Status.PROPOSED


def test_under_block_pairing_by_hand_is_refused(client_for, world, east):
    block(east)
    east.match.delete()
    response = client_for("coordinator").post(
        url("matching_add", east), {"focus_student": world.focus_student.pk, "peer": world.peer_student.pk},
        follow=True,
    )
    assert "Sofia has not covered every required orientation topic yet" in response.content.decode()
    assert not Match.objects.exists()


def test_under_block_proposals_skip_the_peer_with_the_reason(client_for, world, east):
    block(east)
    east.match.delete()
    settings = {"peer_capacity": 1, "min_peers_per_student": 1, "max_peers_per_student": 2}
    text = client_for("coordinator").post(url("matching_propose", east), settings, follow=True).content.decode()
    assert not Match.objects.exists()
    assert "has covered every required orientation topic yet" in text
    # Once the peer is ready, the same run proposes them.
    TopicCoverageFactory(student=world.peer_student, topic=east.topic)
    client_for("coordinator").post(url("matching_propose", east), settings)
    assert Match.objects.filter(peer=world.peer_student).exists()


def test_with_no_provider_matching_behaves_as_before(client_for, east, monkeypatch):
    monkeypatch.setattr(peer_readiness, "_PROVIDERS", [])
    assert peer_readiness.peer_readiness_for(program=east.program, peers=[1]) is None
    block(east)  # no one reads the rule without the provider
    east.match.delete()
    client = client_for("coordinator")
    settings = {"peer_capacity": 1, "min_peers_per_student": 1, "max_peers_per_student": 2}
    text = client.post(url("matching_propose", east), settings, follow=True).content.decode()
    assert "Orientation is not recorded yet" in text
    assert "Sofia&#x27;s orientation is not recorded yet." in text
    assert Match.objects.filter(status=Match.Status.PROPOSED).count() == 1


def test_a_second_provider_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setattr(peer_readiness, "_PROVIDERS", [lambda **kwargs: {}])
    with pytest.raises(ImproperlyConfigured):
        peer_readiness.register_peer_readiness(lambda **kwargs: {})
