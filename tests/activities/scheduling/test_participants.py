"""Placing people: from confirmed pairs, the whole program group or one by one; only peers with valid consent and,
where the program blocks, ready peers (a "warn" rule places them with the warning); the others are listed with the
reason. Beyond the capacity people wait; when someone leaves, the first waiting takes the place and is told once."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import Participant
from activities.scheduling import services
from orientation.readiness import services as readiness_services
from tests.activities.factories import ActivityFactory, ParticipantFactory
from tests.orientation.factories import ReadinessTopicFactory, TopicCoverageFactory
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(world, setup):
    return ActivityFactory(program=setup.program, term=world.term, title="Lunch bunch")


def url(activity):
    return reverse("activities:participants", kwargs={"pk": activity.pk})


def text(response):
    return html.unescape(response.content.decode())


def statuses(activity):
    return {p.student.first_name: p.status for p in activity.participants.select_related("student")}


def test_the_page_lists_who_cannot_be_placed_with_the_reason(client_for, activity):
    response = client_for("coordinator").get(url(activity))
    page = text(response)
    assert "Harper Lee: No valid consent: the guardian's consent is missing or has run out." in page
    offered = {s.first_name for s in response.context["form"].fields["students"].queryset}
    assert offered == {"Sofia", "Mason", "Noah"}


def test_the_confirmed_pairs_are_placed_by_source(client_for, activity):
    client_for("coordinator").post(url(activity), {"source": "pairs"})
    assert statuses(activity) == {"Sofia": "placed", "Noah": "placed"}
    assert set(activity.participants.values_list("source", flat=True)) == {"pair"}


def test_the_whole_group_places_everyone_allowed_and_says_who_not(client_for, activity):
    response = client_for("coordinator").post(url(activity), {"source": "group"}, follow=True)
    assert statuses(activity) == {"Sofia": "placed", "Noah": "placed", "Mason": "placed"}
    assert "Harper Lee is not placed: No valid consent" in text(response)


def test_a_forged_or_refused_person_cannot_be_ticked(client_for, setup, activity):
    client = client_for("coordinator")
    for value in (setup.harper.pk, "99999999999999999999", "x"):
        response = client.post(url(activity), {"source": "chosen", "students": [value]})
        assert response.status_code == 400
        assert "Choose from the list" in text(response)
    response = client.post(url(activity), {"source": "chosen"})
    assert "Tick at least one person" in text(response)
    assert not activity.participants.exists()
    # Through the service too (another app, a stale page): refused with the reason.
    result = services.participants_place(activity=activity, students=[setup.harper], source="added")
    assert [r for _s, r in result["refused"]] == ["No valid consent: the guardian's consent is missing or has run out."]
    assert not activity.participants.exists()


def test_a_student_not_in_the_program_or_of_another_school_is_refused(world, setup, activity):
    outsider = StudentFactory(school=world.school, first_name="Ava")
    foreign = StudentFactory(school=world.other_school, first_name="Liam")
    result = services.participants_place(activity=activity, students=[outsider, foreign], source="added")
    assert [r for _s, r in result["refused"]] == ["Not taking part in the program.", "Not enrolled at this school."]


def test_under_block_a_peer_not_ready_is_refused_under_warn_placed_with_the_warning(client_for, world, setup, activity):
    topic = ReadinessTopicFactory(school=world.school, title="When to seek help from staff")
    TopicCoverageFactory(student=setup.mason, topic=topic)
    client = client_for("coordinator")
    # "warn" (the default): Sofia is placed with the warning, which the page keeps.
    client.post(url(activity), {"source": "chosen", "students": [setup.sofia.pk]})
    place = activity.participants.get(student=setup.sofia)
    assert place.status == "placed"
    assert place.readiness_warning == "Not ready yet: still to cover When to seek help from staff."
    assert "Not ready yet: still to cover When to seek help from staff." in text(client.get(url(activity)))
    # "block": the program group places Mason (ready) and Noah, not a peer still to cover the topic.
    readiness_services.orientation_settings_save(program=setup.program, not_ready="block", younger_peers_below_grade=6)
    other = ActivityFactory(program=setup.program, term=world.term, title="Art club")
    response = client.post(url(other), {"source": "group"}, follow=True)
    assert statuses(other) == {"Mason": "placed", "Noah": "placed"}
    assert (
        "Sofia Ramirez is not placed: Not ready: orientation topics still to cover (When to seek help from "
        "staff); the program places only ready peers."
    ) in text(response)


def test_beyond_the_capacity_people_wait_and_the_first_takes_a_freed_place_told_once(
    client_for, world, setup, mailoutbox, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(program=setup.program, term=world.term, title="Art club", capacity=1)
    client = client_for("coordinator")
    client.post(url(activity), {"source": "chosen", "students": [setup.mason.pk]})
    client.post(url(activity), {"source": "chosen", "students": [setup.sofia.pk]})
    client.post(url(activity), {"source": "chosen", "students": [setup.noah.pk]})
    assert statuses(activity) == {"Mason": "placed", "Sofia": "waitlisted", "Noah": "waitlisted"}

    mason = activity.participants.get(student=setup.mason)
    remove = reverse("activities:participant_remove", kwargs={"pk": mason.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove, follow=True)
    assert "Sofia Ramirez is placed from the waitlist and told." in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove, follow=True)  # again: refused, nobody else moves
    assert "They no longer take part already." in text(response)
    assert statuses(activity) == {"Mason": "withdrawn", "Sofia": "placed", "Noah": "waitlisted"}
    assert [m.to for m in mailoutbox] == [["sofia@students.east.example.org"]]
    assert 'A place opened in "Art club" and it is yours' in mailoutbox[0].body


def test_leaving_the_waitlist_places_nobody(world, setup, mailoutbox):
    activity = ActivityFactory(program=setup.program, term=world.term, capacity=1)
    placed = ParticipantFactory(activity=activity, student=setup.mason)
    waiting = ParticipantFactory(activity=activity, student=setup.sofia, status="waitlisted")
    assert services.participant_withdraw(participant=waiting) is None
    placed.refresh_from_db()
    assert placed.status == "placed" and not mailoutbox


def test_unified_sports_shows_athletes_and_partners_and_warns_when_far_from_equal(client_for, world, setup):
    team = ActivityFactory(
        program=setup.program, term=world.term, kind="unified_sports", season="Winter", title="Unified basketball"
    )
    for student in [setup.sofia, setup.mason, *StudentFactory.create_batch(3, school=world.school)]:
        ParticipantFactory(activity=team, student=student)
    ParticipantFactory(activity=team, student=setup.noah)
    page = text(client_for("staff").get(reverse("activities:detail", kwargs={"pk": team.pk})))
    assert "Athletes: 1 · Partners: 5" in page and "this team is far from equal" in page
    for _ in range(3):
        athlete = FocusStudentFactory(school=world.school, user=UserFactory())
        ProgramParticipantFactory(program=setup.program, student=athlete)
        ParticipantFactory(activity=team, student=athlete)
    page = text(client_for("staff").get(reverse("activities:detail", kwargs={"pk": team.pk})))
    assert "Athletes: 4 · Partners: 5" in page and "far from equal" not in page


def test_a_cancelled_activity_places_nobody(world, setup):
    activity = ActivityFactory(program=setup.program, term=world.term)
    services.activity_cancel(activity=activity, reason="Rained out", cancelled_by=None)
    with pytest.raises(ValidationError, match="cancelled"):
        services.participants_place(activity=activity, students=[setup.sofia], source="added")
    assert not Participant.objects.exists()
