"""Readiness per peer: every required topic in use covered (attended, or one-to-one with staff on a date); the
program's rule (warn by default, or block); the readiness page, topics covered one-to-one, the settings, a peer's
section on their page. Bad input on every form, and the queries of the page and of ``peer_readiness``."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orientation.models import OrientationSettings, TopicCoverage
from orientation.readiness import services
from orientation.selectors import peer_readiness
from schools.peer_readiness import peer_readiness_for
from tests.orientation.factories import ReadinessTopicFactory, TopicCoverageFactory, east_readiness
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(world):
    objects = east_readiness(world)
    objects.etiquette = ReadinessTopicFactory(school=world.school, title="Disability etiquette", order=1)
    objects.optional = ReadinessTopicFactory(school=world.school, title="Optional extra", is_required=False)
    return objects


def cover(student, *topics, **kwargs):
    for topic in topics:
        TopicCoverageFactory(student=student, topic=topic, **kwargs)


def test_a_peer_is_ready_once_every_required_topic_is_covered(world, east):
    peer = world.peer_student
    answer = peer_readiness(program=east.program, peers=[peer])[peer.pk]
    assert not answer.ready and answer.missing == ("Disability etiquette", "When to seek help from staff")
    assert answer.rule == "warn" and not answer.blocks
    cover(peer, east.etiquette)
    services.attendance_save(meeting=east.meeting, absent=set(), by=world.user("staff"))  # covers the other topic
    assert peer_readiness(program=east.program, peers=[peer])[peer.pk].ready


def test_retired_and_optional_topics_do_not_count_and_other_schools_coverage_is_apart(world, east):
    peer = world.peer_student
    east.etiquette.retired_at = timezone.now()
    east.etiquette.save()
    ReadinessTopicFactory(school=world.other_school, title="Putnam's own required topic")
    assert peer_readiness(program=east.program, peers=[peer])[peer.pk].missing == ("When to seek help from staff",)
    cover(peer, east.topic)
    assert peer_readiness(program=east.program, peers=[peer.pk])[peer.pk].ready


def test_with_no_required_topic_everyone_is_ready(world, east):
    ReadinessTopicFactory._meta.model.objects.update(is_required=False)
    assert peer_readiness(program=east.program, peers=[world.peer_student])[world.peer_student.pk].ready


def test_the_rule_blocks_when_the_program_says_so(world, east):
    services.orientation_settings_save(program=east.program, not_ready="block", younger_peers_below_grade=6)
    answer = peer_readiness_for(program=east.program, peers=[world.peer_student])[world.peer_student.pk]
    assert answer.rule == "block" and answer.blocks


def test_peer_readiness_takes_three_queries_whatever_the_number_of_peers(world, east, django_assert_num_queries):
    peers = [StudentFactory(school=world.school) for _ in range(12)]
    for peer in peers[:6]:
        cover(peer, east.topic, east.etiquette)
    with django_assert_num_queries(3):
        answers = peer_readiness(program=east.program, peers=peers)
    assert sum(a.ready for a in answers.values()) == 6


# --- The readiness page ----------------------------------------------------------------------------------------------


def readiness_url(east):
    return reverse("orientation:readiness", kwargs={"pk": east.program.pk})


def test_the_page_shows_peers_by_topics_and_flags_who_is_not_ready(client_for, world, east):
    ready = StudentFactory(school=world.school, first_name="Ava", last_name="Lopez")
    ProgramParticipantFactory(program=east.program, student=ready)
    cover(ready, east.topic, east.etiquette)
    text = client_for("staff").get(readiness_url(east)).content.decode()
    assert "Disability etiquette" in text and "When to seek help from staff" in text and "Optional extra" not in text
    assert "1 peer not ready yet" in text
    assert "Ava Lopez" in text and "Sofia Ramirez" in text
    assert reverse("orientation:coverage_add", kwargs={"pk": east.program.pk, "student_pk": ready.pk}) in text
    assert "Noah" not in text  # focus students are not on it


def test_the_readiness_page_does_not_grow_with_peers(client_for, world, east):
    client = client_for("staff")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(readiness_url(east)).status_code == 200
        return len(captured)

    few = count()
    for _ in range(6):
        peer = StudentFactory(school=world.school)
        ProgramParticipantFactory(program=east.program, student=peer)
        cover(peer, east.topic)
    ReadinessTopicFactory(school=world.school, title="Another required topic")
    assert count() == few


# --- Topics covered one-to-one --------------------------------------------------------------------------------------


def coverage_url(east, student):
    return reverse("orientation:coverage_add", kwargs={"pk": east.program.pk, "student_pk": student.pk})


def coverage_data(world, chosen, **changes):
    data = {"topics": [t.pk for t in chosen], "covered_on": datetime.date.today().isoformat(),
            "covered_with": world.user("staff").pk, "note": "Went through it at lunch."}
    data.update(changes)
    return data


def test_staff_mark_topics_covered_one_to_one_and_the_peer_becomes_ready(client_for, world, east):
    client = client_for("staff")
    form = client.get(coverage_url(east, world.peer_student)).content.decode()
    assert "Topics covered one-to-one with Sofia Ramirez" in form
    response = client.post(coverage_url(east, world.peer_student), coverage_data(world, [east.topic, east.etiquette]),
                           follow=True)
    assert "2 topics marked covered with Sofia Ramirez." in response.content.decode()
    rows = TopicCoverage.objects.filter(student=world.peer_student)
    assert {r.how for r in rows} == {"one_to_one"} and {r.covered_with for r in rows} == {world.user("staff")}
    assert peer_readiness(program=east.program, peers=[world.peer_student])[world.peer_student.pk].ready


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"topics": []}, "Choose the topics that were covered."),
        ({"topics": ["2" * 30]}, "Choose topics of your school&#x27;s library from the list."),
        ({"topics": ["ten"]}, "Choose topics of your school&#x27;s library from the list."),
        ({"covered_on": "yesterday"}, "Enter a date such as 2025-09-15."),
        ({"covered_on": "2205-01-01"}, "Check the year"),
        ({"covered_on": (datetime.date.today() + datetime.timedelta(days=2)).isoformat()}, "choose today or before"),
        ({"covered_with": "2" * 30}, "Choose a staff member of your school from the list."),
        ({"covered_with": "nobody"}, "Choose a staff member of your school from the list."),
        ({"note": "x" * 301}, "Ensure this value has at most 300 characters"),
    ],
)
def test_bad_coverage_input_is_a_message_and_nothing_is_saved(client_for, world, east, changes, message):
    response = client_for("staff").post(coverage_url(east, world.peer_student),
                                        coverage_data(world, [east.topic], **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TopicCoverage.objects.exists()


def test_another_schools_topic_or_staff_is_refused(client_for, world, east):
    putnam_topic = ReadinessTopicFactory(school=world.other_school)
    client = client_for("staff")
    response = client.post(coverage_url(east, world.peer_student), coverage_data(world, [putnam_topic]))
    assert "Choose topics of your school" in response.content.decode()
    response = client.post(coverage_url(east, world.peer_student),
                           coverage_data(world, [east.topic], covered_with=world.user("other_coordinator").pk))
    assert "Choose a staff member of your school from the list." in response.content.decode()
    assert not TopicCoverage.objects.exists()


def test_only_a_peer_of_the_program_gets_the_form(client_for, world, east):
    client = client_for("staff")
    outsider = StudentFactory(school=world.school)
    assert client.get(coverage_url(east, outsider)).status_code == 404
    assert client.get(coverage_url(east, world.focus_student)).status_code == 404
    assert client.post(coverage_url(east, outsider), coverage_data(world, [east.topic])).status_code == 404
    assert client_for("peer").get(coverage_url(east, world.peer_student)).status_code == 403
    assert not TopicCoverage.objects.exists()


# --- Settings --------------------------------------------------------------------------------------------------------


def settings_url(east):
    return reverse("orientation:settings", kwargs={"pk": east.program.pk})


def test_the_coordinator_sets_the_rule(client_for, east):
    client = client_for("coordinator")
    assert "Warn, but let them be matched and scheduled" in client.get(settings_url(east)).content.decode()
    response = client.post(settings_url(east), {"not_ready": "block", "younger_peers_below_grade": 4}, follow=True)
    assert "Orientation settings of Peer to Peer saved." in response.content.decode()
    assert "This program does not match or schedule peers until they are ready." in response.content.decode()
    saved = OrientationSettings.objects.get(program=east.program)
    assert (saved.not_ready, saved.younger_peers_below_grade) == ("block", 4)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"not_ready": "never", "younger_peers_below_grade": 6}, "Select a valid choice."),
        ({"not_ready": "", "younger_peers_below_grade": 6}, "This field is required."),
        ({"not_ready": "warn", "younger_peers_below_grade": "six"}, "Enter a grade as a number, such as 6."),
        ({"not_ready": "warn", "younger_peers_below_grade": "-1"}, "greater than or equal to 0"),
        ({"not_ready": "warn", "younger_peers_below_grade": "2" * 30}, "less than or equal to 13"),
        ({"not_ready": "warn", "younger_peers_below_grade": "1e400"}, "Enter a grade as a number"),
    ],
)
def test_bad_settings_are_a_message_and_nothing_is_saved(client_for, east, data, message):
    response = client_for("coordinator").post(settings_url(east), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not OrientationSettings.objects.exists()


def test_staff_may_not_change_the_rule(client_for, east):
    assert client_for("staff").post(settings_url(east), {"not_ready": "block",
                                                         "younger_peers_below_grade": 6}).status_code == 403
    assert not OrientationSettings.objects.exists()


# --- A peer's page ----------------------------------------------------------------------------------------------------


def test_a_peers_page_shows_their_readiness_to_staff(client_for, world, east):
    page = reverse("student_detail", kwargs={"pk": world.peer_student.pk})
    text = client_for("staff").get(page).content.decode()
    assert "Orientation readiness" in text and "Not ready yet" in text
    assert "Still to cover: Disability etiquette, When to seek help from staff" in text
    cover(world.peer_student, east.topic, east.etiquette)
    assert "Every required topic is covered." in client_for("staff").get(page).content.decode()
    focus_page = reverse("student_detail", kwargs={"pk": world.focus_student.pk})
    assert "Orientation readiness" not in client_for("staff").get(focus_page).content.decode()


def test_the_form_starts_with_the_required_topics_still_to_cover_ticked(client_for, world, east):
    cover(world.peer_student, east.etiquette)
    form = client_for("staff").get(coverage_url(east, world.peer_student)).content.decode()
    ticked = {int(value) for value in re.findall(r'<input[^>]*name="topics"[^>]*value="(\d+)"[^>]*checked', form)}
    assert ticked == {east.topic.pk}
