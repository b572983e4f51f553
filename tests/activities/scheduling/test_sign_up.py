"""A peer's or focus student's own page: their activities and days to come, what is open for sign-up in their
programs; they sign up (the waitlist when full) and withdraw; nothing of anyone else's shows."""

import html

import pytest
from django.urls import reverse

from activities.models import Participant
from activities.services import occurrences_generate
from tests.activities.factories import ActivityFactory, ParticipantFactory
from tests.schools.factories import StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembly(world, setup):
    activity = ActivityFactory(
        program=setup.program,
        term=world.term,
        kind="inclusive_event",
        event_type="awareness",
        title="Inclusive Schools Week assembly",
        sign_up_open=True,
        capacity=1,
        place="Gym",
    )
    occurrences_generate(activity=activity)
    return activity


def text(response):
    return html.unescape(response.content.decode())


def sign_up(client, activity):
    return client.post(reverse("activities:sign_up", kwargs={"pk": activity.pk}), follow=True)


def test_open_activities_are_listed_and_a_peer_signs_up_then_a_student_waits(client_for, setup, assembly):
    peer = client_for("peer")
    page = text(peer.get(reverse("activities:mine")))
    assert "Open for sign-up" in page and "Inclusive Schools Week assembly" in page
    assert "You are signed up for Inclusive Schools Week assembly." in text(sign_up(peer, assembly))
    response = sign_up(client_for("focus_student"), assembly)
    assert "It is full: you are on the waitlist" in text(response)
    statuses = {p.student.first_name: (p.status, p.source) for p in assembly.participants.select_related("student")}
    assert statuses == {"Sofia": ("placed", "sign_up"), "Noah": ("waitlisted", "sign_up")}
    assert "On the waitlist" in text(client_for("focus_student").get(reverse("activities:mine")))


def test_signing_up_twice_closed_or_without_consent_is_refused_with_a_message(client_for, world, setup, assembly):
    peer = client_for("peer")
    sign_up(peer, assembly)
    assert "You are already signed up." in text(sign_up(peer, assembly))
    closed = ActivityFactory(program=setup.program, term=world.term, title="Staff-only planning")
    assert "This activity is not open for sign-up." in text(sign_up(peer, closed))
    setup.harper.user.set_password("pw-harper-12345")
    setup.harper.user.save()
    harper = client_for("peer")
    harper.force_login(setup.harper.user)
    assert "No valid consent" in text(sign_up(harper, assembly))
    assert assembly.participants.count() == 1 and not closed.participants.exists()


def test_withdrawing_gives_the_place_to_the_first_waiting(
    client_for, setup, assembly, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client_for("peer"), assembly)
    sign_up(client_for("focus_student"), assembly)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("peer").post(reverse("activities:leave", kwargs={"pk": assembly.pk}), follow=True)
    assert "You have left Inclusive Schools Week assembly." in text(response)
    assert assembly.participants.get(student=setup.noah).status == "placed"
    assert [m.to for m in mailoutbox] == [["noah@students.east.example.org"]]


def test_a_place_given_by_staff_is_left_through_the_coordinator(client_for, world, setup):
    lunch = ActivityFactory(program=setup.program, term=world.term, title="Lunch bunch")
    ParticipantFactory(activity=lunch, student=setup.sofia, source=Participant.Source.PAIR)
    page = text(client_for("peer").get(reverse("activities:mine")))
    assert "Lunch bunch" in page and "Withdraw" not in page
    response = client_for("peer").post(reverse("activities:leave", kwargs={"pk": lunch.pk}), follow=True)
    assert "ask your coordinator" in text(response)
    assert lunch.participants.get().status == "placed"


def test_a_peer_sees_only_their_own_and_never_someone_elses_place(client_for, world, setup, assembly):
    other_peer = StudentFactory(school=world.school, first_name="Zelda", last_name="Quartz", user=UserFactory())
    private = ActivityFactory(program=setup.program, term=world.term, title="Zelda's reading group")
    ParticipantFactory(activity=private, student=other_peer)
    ParticipantFactory(activity=assembly, student=other_peer)
    peer = client_for("peer")
    page = text(peer.get(reverse("activities:mine")))
    assert "Zelda" not in page and "Quartz" not in page
    # Leaving an activity one is not in is a 404, and changes nothing.
    assert peer.post(reverse("activities:leave", kwargs={"pk": private.pk})).status_code == 404
    assert private.participants.get().status == "placed"
    # The calendar shows only the peer's own activities.
    occurrences_generate(activity=private)
    calendar = text(peer.get(reverse("activities:calendar") + "?view=list"))
    assert "Zelda" not in calendar


def test_a_peer_of_another_school_gets_404(client_for, world, assembly):
    foreign = StudentFactory(school=world.other_school, user=UserFactory(username="putnam.peer"))
    client = client_for("anonymous")
    client.force_login(foreign.user)
    assert client.post(reverse("activities:sign_up", kwargs={"pk": assembly.pk})).status_code == 404
    assert not assembly.participants.exists()
