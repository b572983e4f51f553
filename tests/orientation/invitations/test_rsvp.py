"""Answering an invitation: from the peer's own page (only their own invitations) and from the signed link in the
email (only that invitation; a bad, changed, expired or forged link is a plain 404, never a 500)."""

import datetime
import html

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from orientation.invitations import services
from orientation.invitations.tokens import RSVP_SALT, rsvp_token
from orientation.models import Invitation
from schools.dashboard import panels_for
from schools.scoping import resolve_access
from tests.orientation.factories import InvitationFactory, InvitationsOrientationFactory, MeetingFactory
from tests.two_factor import sign_in_verified

MINE = reverse("orientation:mine")


@pytest.fixture
def sofia_invited(setup):
    return InvitationFactory(orientation=setup.orientation, student=setup.sofia)


def rsvp(token):
    return reverse("orientation:rsvp", kwargs={"token": token})


def text(response):
    return html.unescape(response.content.decode())


def test_the_peer_sees_their_own_invitation_and_answers_yes(client_for, setup, sofia_invited):
    other = InvitationsOrientationFactory(program=setup.program, title="Someone else's orientation")
    InvitationFactory(orientation=other, student=setup.mason)
    client = client_for("peer")

    page = text(client.get(MINE))
    assert "Fall peer orientation" in page and "Library" in page and "Not answered yet" in page
    assert "Someone else's orientation" not in page

    response = client.post(MINE, {"invitation": sofia_invited.pk, "response": "yes"}, follow=True)

    assert "Thank you, your answer is saved." in text(response)
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.YES
    assert sofia_invited.responded_at is not None


@pytest.mark.parametrize(
    "data",
    [
        lambda pk: {"response": "yes"},
        lambda pk: {"invitation": "", "response": "yes"},
        lambda pk: {"invitation": "seven", "response": "yes"},
        lambda pk: {"invitation": str(2**70), "response": "yes"},
        lambda pk: {"invitation": pk, "response": "maybe"},
        lambda pk: {"invitation": pk},
        lambda pk: {},
    ],
)
def test_bad_and_forged_answers_on_the_own_page_change_nothing(client_for, setup, sofia_invited, data):
    data = data(sofia_invited.pk)
    response = client_for("peer").post(MINE, data)

    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.PENDING


def test_someone_elses_invitation_cannot_be_answered_from_the_own_page(client_for, setup, sofia_invited):
    masons = InvitationFactory(orientation=setup.orientation, student=setup.mason)

    response = client_for("peer").post(MINE, {"invitation": masons.pk, "response": "no"})

    assert response.status_code == 400
    assert "This is not one of your invitations." in text(response)
    masons.refresh_from_db()
    assert masons.response == Invitation.Response.PENDING


def test_a_focus_student_sees_their_own_invitation_only(client_for, setup, sofia_invited):
    InvitationFactory(orientation=setup.orientation, student=setup.noah)

    response = client_for("focus_student").get(MINE)

    assert [row["invitation"].student for row in response.context["rows"]] == [setup.noah]


def test_the_signed_link_shows_only_that_invitation_and_takes_the_answer(client, setup, sofia_invited):
    url = rsvp(rsvp_token(sofia_invited))

    page = text(client.get(url))
    assert "Hello Sofia, you are invited." in page
    assert "Fall peer orientation" in page and "Library" in page
    assert "Ramirez" not in page  # the first name only

    response = client.post(url, {"response": "no"}, follow=True)

    assert "Thank you, your answer is saved." in text(response)
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.NO


@pytest.mark.parametrize("response_value", ["", "maybe", "1", "YES"])
def test_a_bad_answer_on_the_signed_link_is_said(client, setup, sofia_invited, response_value):
    response = client.post(rsvp(rsvp_token(sofia_invited)), {"response": response_value})

    assert response.status_code == 400
    assert "Answer yes or no." in text(response)
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1:abc",
        signing.TimestampSigner(salt="recruitment.guardian-consent").sign("1"),  # another link's salt
        signing.TimestampSigner(salt=RSVP_SALT).sign("seven"),
        signing.TimestampSigner(salt=RSVP_SALT).sign(str(2**70)),
        signing.TimestampSigner(salt=RSVP_SALT).sign("999999"),  # an invitation that does not exist
    ],
)
def test_bad_changed_or_forged_links_are_not_found(client, setup, sofia_invited, token):
    assert client.get(rsvp(token)).status_code == 404
    assert client.post(rsvp(token), {"response": "yes"}).status_code == 404
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.PENDING


def test_a_changed_signature_opens_no_other_invitation(client, setup, sofia_invited):
    masons = InvitationFactory(orientation=setup.orientation, student=setup.mason)
    token = rsvp_token(sofia_invited)
    forged = str(masons.pk) + token[len(str(sofia_invited.pk)):]

    assert client.post(rsvp(forged), {"response": "yes"}).status_code == 404
    masons.refresh_from_db()
    assert masons.response == Invitation.Response.PENDING


def test_an_old_link_stops_working(client, setup, sofia_invited):
    token = rsvp_token(sofia_invited)
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=181)):
        assert client.get(rsvp(token)).status_code == 404


def test_a_cancelled_orientation_takes_no_answer(client, setup, sofia_invited):
    services.orientation_cancel(orientation=setup.orientation)
    url = rsvp(rsvp_token(sofia_invited))

    assert "This orientation was cancelled." in text(client.get(url))
    response = client.post(url, {"response": "yes"}, follow=True)
    assert "This orientation was cancelled" in text(response)
    sofia_invited.refresh_from_db()
    assert sofia_invited.response == Invitation.Response.PENDING


def test_the_peers_dashboard_shows_the_next_meeting_and_the_answer(client_for, world, setup, sofia_invited):
    MeetingFactory(orientation=setup.orientation, date=datetime.date.today() + datetime.timedelta(days=2),
                   place="Room 12")
    services.invitation_answer(invitation=sofia_invited, response="yes")

    page = text(client_for("peer").get(reverse("dashboard")))

    assert "Your orientation" in page
    assert "Room 12" in page and "Coming" in page


def test_staff_get_no_own_orientation_panel(world, setup):
    access = resolve_access(world.user("coordinator"), world.school.pk)
    templates = [panel["template"] for panel in panels_for(access)]
    assert "orientation/invitations/panels/own_orientation.html" not in templates


def test_an_account_without_a_roster_record_may_not_open_the_page(client_for, world, setup):
    """A peer account whose roster record was unlinked is no longer a peer: never shown the staff invitations
    (whose student is empty)."""
    InvitationFactory(orientation=setup.orientation, user=setup.coordinator)
    setup.sofia.user = None
    setup.sofia.save()

    assert client_for("peer").get(MINE).status_code == 403


def test_a_make_up_meeting_shows_only_to_the_students_it_is_for(client, client_for, setup, sofia_invited):
    InvitationFactory(orientation=setup.orientation, student=setup.harper)
    makeup = MeetingFactory(orientation=setup.orientation, makeup_for=setup.meeting, place="Counselling office")
    makeup.makeup_students.add(setup.sofia)

    assert "Counselling office" in text(client_for("peer").get(MINE))
    client.logout()
    sign_in_verified(client, setup.harper.user)
    harpers = text(client.get(MINE))
    assert "Library" in harpers and "Counselling office" not in harpers
