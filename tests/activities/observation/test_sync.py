"""The intervals endpoint the recording page's script sends to: idempotent (the same intervals sent twice are stored
once), the observer's own only, and every forged input a 400 with a JSON reason and nothing saved."""

import json

import pytest
from django.urls import reverse

from activities.models import ObservationInterval
from tests.schools.factories import StudentFactory

from .factories import east_observation, interval, payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def obs(world):
    return east_observation(world)


def sync_url(observation):
    return reverse("activities:observation_sync", kwargs={"pk": observation.pk})


def post(client, observation, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(sync_url(observation), data=data, content_type="application/json")


def stored(observation):
    return [
        (i.number, i.skipped, i.interaction, i.engaged, i.adult_near, sorted(p.pk for p in i.peers.all()))
        for i in ObservationInterval.objects.filter(observation=observation).prefetch_related("peers")
    ]


def test_posting_twice_stores_once(client_for, world, obs):
    client = client_for("staff")
    sofia, liam = world.peer_student.pk, obs.second_peer.pk
    body = payload(
        obs.observation,
        [
            interval(1, interaction="student", engaged="yes", adult_near=True, peers=[sofia]),
            interval(2, interaction="peer", engaged="no", peers=[sofia, liam]),
            interval(3, skipped=True),
        ],
        finished=True,
    )
    first = post(client, obs.observation, body)
    assert first.status_code == 200, first.content
    assert first.json() == {"ok": True, "saved": 3, "stored": 3}
    again = post(client, obs.observation, body)
    assert again.json() == {"ok": True, "saved": 3, "stored": 3}
    assert stored(obs.observation) == [
        (1, False, "student", "yes", True, [sofia]),
        (2, False, "peer", "no", False, sorted([sofia, liam])),
        (3, True, "none", "na", False, []),
    ]
    obs.observation.refresh_from_db()
    assert obs.observation.finished_at is not None


def test_a_later_send_updates_by_number(client_for, world, obs):
    client = client_for("staff")
    post(client, obs.observation, payload(obs.observation, [interval(1), interval(2)]))
    post(client, obs.observation, payload(obs.observation, [interval(2, interaction="peer"), interval(3)]))
    assert [row[:3] for row in stored(obs.observation)] == [(1, False, "none"), (2, False, "peer"), (3, False, "none")]


def test_the_first_observers_start_is_kept_once(client_for, world, obs):
    observation = obs.observation
    observation.started_at = None
    observation.save()
    client = client_for("staff")
    post(client, observation, payload(observation, [], started_at="2026-01-05T12:00:03+00:00"))
    post(client, observation, payload(observation, [], started_at="2026-01-05T12:09:00+00:00"))
    observation.refresh_from_db()
    assert observation.started_at.isoformat() == "2026-01-05T12:00:03+00:00"
    assert observation.finished_at is None


def test_the_form_payload_field_is_read_too(client_for, obs):
    body = json.dumps(payload(obs.observation, [interval(1, interaction="peer")]))
    response = client_for("staff").post(sync_url(obs.observation), {"payload": body})
    assert response.status_code == 200
    assert stored(obs.observation)[0][2] == "peer"


def forged_bodies(world, obs):
    other_school_student = StudentFactory(school=world.other_school)
    not_placed = StudentFactory(school=world.school)
    good = interval(1, interaction="peer", peers=[world.peer_student.pk])
    o = obs.observation
    return {
        "not json": "{not json",
        "a list": json.dumps([good]),
        "unknown key": payload(o, [good], extra=1),
        "wrong client id": {"client_id": "00000000-0000-0000-0000-000000000000", "intervals": [good]},
        "intervals not a list": payload(o, {"1": good}),
        "number zero": payload(o, [good, interval(0)]),
        "number past the count": payload(o, [good, interval(9)]),
        "number a string": payload(o, [good, {**interval(2), "number": "2"}]),
        "number a bool": payload(o, [good, {**interval(2), "number": True}]),
        "number twice": payload(o, [good, interval(1)]),
        "huge number": payload(o, [good, interval(2**70)]),
        "unknown interaction": payload(o, [good, interval(2, interaction="teacher")]),
        "unknown engaged": payload(o, [good, interval(2, engaged="maybe")]),
        "skipped a string": payload(o, [good, {**interval(2), "skipped": "yes"}]),
        "adult a number": payload(o, [good, {**interval(2), "adult_near": 1}]),
        "unknown interval key": payload(o, [good, {**interval(2), "teacher": True}]),
        "peer of another school": payload(o, [good, interval(2, peers=[other_school_student.pk])]),
        "peer not in the activity": payload(o, [good, interval(2, peers=[not_placed.pk])]),
        "the focus student as a peer": payload(o, [good, interval(2, peers=[world.focus_student.pk])]),
        "peer id forged": payload(o, [good, interval(2, peers=[2**70])]),
        "peers a string": payload(o, [good, {**interval(2), "peers": "1,2"}]),
        "too many intervals": payload(o, [interval(n) for n in range(1, 10)]),
        "finished a string": payload(o, [good], finished="yes"),
        "bad start": payload(o, [good], started_at="yesterday"),
        "naive start": payload(o, [good], started_at="2026-01-05T12:00:00"),
        "note too long": payload(o, [good], note="x" * 2001),
        "deep nesting": "[" * 100000 + "]" * 100000,
        "too large": json.dumps(payload(o, [good], note="x" * 300_000)),
    }


def test_every_forged_input_is_a_400_and_nothing_is_saved(client_for, world, obs):
    client = client_for("staff")
    for name, body in forged_bodies(world, obs).items():
        response = post(client, obs.observation, body)
        assert response.status_code == 400, (name, response.status_code, response.content[:200])
        assert response.json()["ok"] is False and response.json()["error"], name
        assert not ObservationInterval.objects.exists(), name
    obs.observation.refresh_from_db()
    assert obs.observation.finished_at is None


def test_only_the_observer_sends(client_for, world, obs):
    body = payload(obs.observation, [interval(1)])
    for role in ("coordinator", "school_admin"):
        assert post(client_for(role), obs.observation, body).status_code == 403
    assert post(client_for("other_coordinator"), obs.observation, body).status_code == 404
    assert post(client_for("peer"), obs.observation, body).status_code == 403
    assert post(client_for("anonymous"), obs.observation, body).status_code == 302
    assert not ObservationInterval.objects.exists()


def test_a_cancelled_occurrence_takes_no_intervals(client_for, world, obs):
    from django.utils import timezone

    occurrence = obs.lunch.today
    occurrence.cancelled_at = timezone.now()
    occurrence.save()
    response = post(client_for("staff"), obs.observation, payload(obs.observation, [interval(1)]))
    assert response.status_code == 400
    assert not ObservationInterval.objects.exists()


def test_sent_after_the_connection_returns_it_finished_when_the_session_ended(client_for, world, obs):
    """An observation finished offline and sent two hours later is not dated by the send: it finished no later than
    its last interval's end on the shared clock (8 intervals of 10 + 5 seconds)."""
    import datetime

    from django.utils import timezone

    observation = obs.observation
    observation.started_at = timezone.now() - datetime.timedelta(hours=2)
    observation.save(update_fields=["started_at"])

    response = post(client_for("staff"), observation, payload(observation, [interval(1)], finished=True))

    assert response.status_code == 200, response.content
    observation.refresh_from_db()
    assert observation.finished_at == observation.started_at + datetime.timedelta(seconds=8 * 15)
