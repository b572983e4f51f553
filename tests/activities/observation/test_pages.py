"""The observation pages: starting one (bad input: a message and nothing saved), joining as a second observer on the
same clock, the recording page (the observer's own), the results with inter-observer agreement on both records, and
the list (its queries do not grow with its rows)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Observation
from activities.observation import services

from .factories import east_observation, interval, payload

pytestmark = pytest.mark.django_db


def start_url(occurrence):
    return reverse("activities:observation_start", kwargs={"pk": occurrence.pk})


GOOD = {"method": "partial", "observe_seconds": 10, "record_seconds": 5, "interval_count": 20}


def test_starting_an_observation_opens_the_recording_page(client_for, world):
    lunch = east_observation(world).lunch
    Observation.objects.all().delete()
    client = client_for("coordinator")
    page = client.get(start_url(lunch.today))
    assert page.status_code == 200
    assert "Momentary time sampling: look only at the moment of the cue" in page.content.decode()
    response = client.post(start_url(lunch.today), {**GOOD, "student": world.focus_student.pk})
    observation = Observation.objects.get()
    assert response.url == reverse("activities:observation_record", kwargs={"pk": observation.pk})
    assert (observation.observer, observation.student, observation.interval_count) == (
        world.user("coordinator"),
        world.focus_student,
        20,
    )
    assert observation.client_id and observation.started_at is None


def test_the_length_in_minutes_gives_the_number_of_intervals(client_for, world):
    lunch = east_observation(world).lunch
    Observation.objects.all().delete()
    data = {**GOOD, "interval_count": "", "minutes": 10, "student": world.focus_student.pk}
    client_for("staff").post(start_url(lunch.today), data)
    # 10 minutes = 600 s; 600 / (10 + 5) = 40 intervals.
    assert Observation.objects.get().interval_count == 40


BAD = [
    ({"observe_seconds": 1}, "Observe for at least 3 seconds."),
    ({"interval_count": 10000}, "That is 10000 intervals: at most 720."),
    ({"interval_count": "", "minutes": 600, "observe_seconds": 3, "record_seconds": 2}, "That is 7200 intervals"),
    ({"interval_count": ""}, "Give the number of intervals or the length in minutes."),
    ({"minutes": 5}, "not both"),
    ({"record_seconds": 0}, "Partial-interval recording needs at least 2 seconds to record."),
    ({"record_seconds": 500}, "less than or equal to 120"),
    ({"method": "whenever"}, "Select a valid choice"),
    ({"student": "not-a-student"}, "Choose a focus student placed in this activity."),
    ({"student": 2**70}, "Choose a focus student placed in this activity."),
    ({"student": ""}, "This field is required."),
]


@pytest.mark.parametrize("change,message", BAD)
def test_bad_input_says_why_and_saves_nothing(client_for, world, change, message):
    lunch = east_observation(world).lunch
    before = Observation.objects.count()
    response = client_for("staff").post(start_url(lunch.today), {**GOOD, "student": world.focus_student.pk, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Observation.objects.count() == before


def test_momentary_time_sampling_may_record_in_no_time(client_for, world):
    # Momentary: the observer looks at the cue and taps during the next interval, so 0 s to record is allowed.
    lunch = east_observation(world).lunch
    data = {**GOOD, "method": "momentary", "record_seconds": 0, "observe_seconds": 3, "student": world.focus_student.pk}
    client_for("staff").post(start_url(lunch.today), data)
    assert Observation.objects.filter(method="momentary", record_seconds=0, observe_seconds=3).exists()


def test_a_student_not_in_the_activity_or_a_peer_is_refused(client_for, world):
    from tests.schools.factories import FocusStudentFactory

    lunch = east_observation(world).lunch
    elsewhere = FocusStudentFactory(school=world.school)
    client = client_for("staff")
    before = Observation.objects.count()
    for student in (elsewhere, world.peer_student):
        response = client.post(start_url(lunch.today), {**GOOD, "student": student.pk})
        assert "Choose a focus student placed in this activity." in response.content.decode()
    assert Observation.objects.count() == before
    # The service refuses too, whoever calls it.
    with pytest.raises(Exception, match="placed in this activity"):
        services.observation_start(
            occurrence=lunch.today,
            student=elsewhere,
            observer=world.user("staff"),
            method="partial",
            observe_seconds=10,
            record_seconds=5,
            interval_count=4,
        )


def test_a_cancelled_occurrence_has_nothing_to_observe(client_for, world):
    lunch = east_observation(world).lunch
    lunch.today.cancelled_at = timezone.now()
    lunch.today.save()
    before = Observation.objects.count()
    client = client_for("staff")
    page = client.get(start_url(lunch.today))
    assert "This occurrence was cancelled" in page.content.decode()
    response = client.post(start_url(lunch.today), {**GOOD, "student": world.focus_student.pk})
    assert "This occurrence was cancelled" in response.content.decode()
    assert Observation.objects.count() == before


def test_a_second_observer_joins_on_the_same_clock(client_for, world):
    obs = east_observation(world)
    primary = obs.observation
    client = client_for("coordinator")
    page = client.get(start_url(obs.lunch.today)).content.decode()
    assert "Join as second observer" in page
    response = client.post(reverse("activities:observation_join", kwargs={"pk": primary.pk}))
    second = Observation.objects.get(primary=primary)
    assert response.url == reverse("activities:observation_record", kwargs={"pk": second.pk})
    assert (second.started_at, second.observe_seconds, second.record_seconds, second.interval_count) == (
        primary.started_at,
        primary.observe_seconds,
        primary.record_seconds,
        primary.interval_count,
    )
    assert second.observer == world.user("coordinator")
    # Joining again gives back the same record; the first observer cannot join their own.
    client.post(reverse("activities:observation_join", kwargs={"pk": primary.pk}))
    assert Observation.objects.filter(primary=primary).count() == 1
    staff = client_for("staff")
    staff.post(reverse("activities:observation_join", kwargs={"pk": primary.pk}))
    assert Observation.objects.filter(primary=primary).count() == 1
    # A second observer's own start is never taken: the clock is the first one's.
    services.observation_intervals_save(
        observation=second,
        by=world.user("coordinator"),
        payload=payload(second, [], started_at="2026-01-01T00:00:00+00:00"),
    )
    second.refresh_from_db()
    assert second.started_at == primary.started_at


def test_a_finished_or_not_started_observation_cannot_be_joined(client_for, world):
    primary = east_observation(world).observation
    client = client_for("coordinator")
    for started, finished in ((None, None), (timezone.now(), timezone.now())):
        Observation.objects.filter(pk=primary.pk).update(started_at=started, finished_at=finished)
        client.post(reverse("activities:observation_join", kwargs={"pk": primary.pk}))
    assert not Observation.objects.filter(primary=primary).exists()


def test_the_recording_page_is_the_observers_own(client_for, world):
    obs = east_observation(world)
    url = reverse("activities:observation_record", kwargs={"pk": obs.observation.pk})
    page = client_for("staff").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-client-id="{obs.observation.client_id}"' in html
    assert "Liam Chen" in html and "Sofia Ramirez" in html  # the peers to count
    assert "js/observation.js" in html and "<script>" not in html
    assert client_for("coordinator").get(url).status_code == 403


def _record(observation, by, intervals, **extra):
    services.observation_intervals_save(
        observation=observation, by=by, payload=payload(observation, intervals, **extra)
    )


def test_results_show_measures_and_agreement_on_both_records(client_for, world):
    obs = east_observation(world)
    primary = obs.observation
    second = services.observation_join(primary=primary, observer=world.user("coordinator"))
    sofia = world.peer_student.pk
    _record(
        primary,
        world.user("staff"),
        [
            interval(1, interaction="student", engaged="yes", adult_near=True, peers=[sofia]),
            interval(2, interaction="none", engaged="no"),
            interval(3, skipped=True),
            interval(4, interaction="peer", engaged="yes", peers=[sofia, obs.second_peer.pk]),
        ],
        finished=True,
    )
    _record(
        second,
        world.user("coordinator"),
        [
            interval(1, interaction="student", engaged="yes", adult_near=True, peers=[sofia]),
            interval(2, interaction="peer", engaged="no"),
            interval(3, interaction="none"),
            interval(4, interaction="peer", engaged="yes"),
        ],
        finished=True,
    )
    # Primary: counted 3 (3 skipped); interaction in 1 and 4: 2/3 = 66.7 %; engaged 2 of 3 applied = 66.7 %;
    # adult 1/3 = 33.3 %; 2 different peers. Agreement over 1, 2, 4 (3 skipped by the first): interaction 2/3,
    # engaged 3/3, adult 3/3 -> overall 8/9 = 88.9 %.
    for observation, role in ((primary, "staff"), (second, "school_admin")):
        html = client_for(role).get(reverse("activities:observation_detail", kwargs={"pk": observation.pk})).content
        html = html.decode()
        assert "Inter-observer agreement" in html
        assert "88.9 %" in html and "3 intervals compared" in html
        assert "Carter et al. 2016" in html
    html = client_for("staff").get(reverse("activities:observation_detail", kwargs={"pk": primary.pk})).content.decode()
    assert "66.7 %" in html and "33.3 %" in html and "1 skipped" in html
    assert "Of the intervals where engagement applied" in html


def test_an_observation_without_a_second_observer_shows_no_agreement(client_for, world):
    primary = east_observation(world).observation
    html = client_for("staff").get(reverse("activities:observation_detail", kwargs={"pk": primary.pk})).content
    assert b"Inter-observer agreement" not in html


def test_the_list_filters_by_student_and_occurrence(client_for, world):
    obs = east_observation(world)
    url = reverse("activities:observations")
    client = client_for("staff")
    assert "Noah Bennett" in client.get(url).content.decode()
    other = client.get(url, {"student": world.peer_student.pk})  # not a focus student: not a choice
    assert other.status_code == 200 and "Select a valid choice" in other.content.decode()
    assert "Noah Bennett" in client.get(url, {"occurrence": obs.lunch.today.pk}).content.decode()
    assert "No observations yet" in client.get(url, {"occurrence": 2**70}).content.decode()
    assert client.get(url, {"occurrence": "x"}).status_code == 200


def test_the_list_queries_do_not_grow_with_its_rows(client_for, world, django_assert_max_num_queries):
    obs = east_observation(world)
    client = client_for("staff")
    url = reverse("activities:observations")
    # One observation with intervals and peers (so each prefetch runs), then five more.
    _record(obs.observation, world.user("staff"), [interval(1, peers=[world.peer_student.pk])])

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for day in range(1, 6):
        observation = services.observation_start(
            occurrence=obs.lunch.today,
            student=world.focus_student,
            observer=world.user("staff"),
            method="partial",
            observe_seconds=10,
            record_seconds=5,
            interval_count=4,
        )
        Observation.objects.filter(pk=observation.pk).update(started_at=timezone.now() - datetime.timedelta(days=day))
        _record(observation, world.user("staff"), [interval(1, peers=[world.peer_student.pk]), interval(2)])
    assert count() == one
    with django_assert_max_num_queries(one):
        client.get(url)


def test_a_focus_students_page_shows_their_latest_observations(client_for, world):
    obs = east_observation(world)
    _record(
        obs.observation,
        world.user("staff"),
        [interval(1, interaction="peer", peers=[world.peer_student.pk]), interval(2, adult_near=True)],
    )
    # Interaction in 1 of 2 = 50 %; adult near in 1 of 2 = 50 %; 1 different peer.
    html = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).content
    html = html.decode()
    assert reverse("activities:observation_detail", kwargs={"pk": obs.observation.pk}) in html
    assert "peer interaction 50 %, adult within 3 feet 50 %, 1 different peer" in html
    peer_page = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.peer_student.pk}))
    assert b"observations-heading" not in peer_page.content
