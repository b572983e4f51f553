"""Inviting peers (only those with valid consent; the others listed with why), their partners and staff; the
invitation email with its RSVP link and calendar file; capacity; bad and forged input."""

import html
import re

import pytest
from django.urls import reverse

from orientation.invitations import services
from orientation.invitations.tokens import invitation_pk
from orientation.models import Invitation, Orientation


@pytest.fixture
def page(setup):
    return reverse("orientation:invite", kwargs={"pk": setup.orientation.pk})


def invited_names(orientation):
    return sorted(
        (i.student.first_name if i.student_id else i.user.username) for i in orientation.invitations.all()
    )


def test_the_page_lists_the_peer_without_consent_with_the_reason_and_tells_the_coordinator(
    client_for, setup, page
):
    response = client_for("coordinator").get(page)
    text = html.unescape(response.content.decode())

    assert "1 peer of the program has no valid consent and cannot be invited (listed below)." in text
    assert "Harper Lee</strong>: No guardian consent in force today" in text
    form = response.context["form"]
    assert {s.first_name for s in form.fields["peers"].queryset} == {"Sofia", "Mason"}
    # The audience is peers only: no partners offered.
    assert "partners" not in form.fields


def test_inviting_sends_each_peer_one_email_with_the_rsvp_link_and_the_calendar_file(
    client_for, setup, page, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"peers": [setup.sofia.pk, setup.mason.pk]}, follow=True)

    assert "2 people are invited." in response.content.decode()
    assert invited_names(setup.orientation) == ["Mason", "Sofia"]
    # Mason has no sign-in address: invited, and the coordinator is told to tell him in person.
    assert "One person invited has no school email address: tell them in person." in html.unescape(
        response.content.decode()
    )
    assert [m.to for m in mailoutbox] == [["sofia@students.east.example.org"]]
    email = mailoutbox[0]
    assert email.subject == "You are invited: Fall peer orientation"
    assert email.body.startswith("Hello Sofia,")
    assert "Library" in email.body
    # The link names Sofia's invitation (its signature holds the second it was made: compared by what it opens).
    invitation = Invitation.objects.get(student=setup.sofia)
    [token] = re.findall(r"/orientation/rsvp/([^/\s]+)/", email.body)
    assert invitation_pk(token) == invitation.pk
    [(filename, content, mimetype)] = email.attachments
    assert filename == "invite.ics"
    assert mimetype == "text/calendar; method=REQUEST"
    assert "METHOD:REQUEST" in content
    assert f"UID:orientation-meeting-{setup.meeting.pk}@" in content
    assert "SEQUENCE:0" in content


def test_inviting_again_sends_nothing_twice(setup, committed, mailoutbox):
    committed(services.invitations_send, orientation=setup.orientation, students=[setup.sofia])
    with pytest.raises(Exception, match="may not be invited"):
        services.invitations_send(orientation=setup.orientation, students=[setup.sofia])
    assert len(mailoutbox) == 1
    assert setup.orientation.invitations.count() == 1


def test_a_peer_without_consent_is_refused_by_the_form_and_the_service(client_for, setup, page):
    response = client_for("coordinator").post(page, {"peers": [setup.harper.pk]})

    assert response.status_code == 200
    assert "Choose people from the list" in html.unescape(response.content.decode())
    assert not Invitation.objects.exists()
    with pytest.raises(Exception, match="may not be invited"):
        services.invitations_send(orientation=setup.orientation, students=[setup.harper])
    assert not Invitation.objects.exists()


def test_partners_are_offered_when_the_audience_includes_students(client_for, setup, page, committed):
    setup.orientation.audience = Orientation.Audience.PEERS_AND_STUDENTS
    setup.orientation.save()
    client = client_for("coordinator")
    form = client.get(page).context["form"]
    assert [s.first_name for s in form.fields["partners"].queryset] == ["Noah"]

    client.post(page, {"partners": [setup.noah.pk], "staff": [setup.coordinator.pk]})

    assert invited_names(setup.orientation) == ["Noah", "east.coordinator"]


def test_the_capacity_is_respected_with_a_clear_message(client_for, setup, page):
    setup.orientation.capacity = 1
    setup.orientation.save()

    response = client_for("coordinator").post(page, {"peers": [setup.sofia.pk, setup.mason.pk]})

    assert "Only 1 of the 1 places are left" in html.unescape(response.content.decode())
    assert not Invitation.objects.exists()


def test_a_declined_place_is_free_again(setup):
    setup.orientation.capacity = 1
    setup.orientation.save()
    [invitation] = services.invitations_send(orientation=setup.orientation, students=[setup.sofia])
    services.invitation_answer(invitation=invitation, response="no")

    services.invitations_send(orientation=setup.orientation, students=[setup.mason])

    assert invited_names(setup.orientation) == ["Mason", "Sofia"]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"peers": ["2" + "0" * 30]},
        {"peers": ["seven"]},
        {"staff": ["-1"]},
        {"partners": ["1"]},
    ],
)
def test_bad_and_forged_choices_are_said_on_the_form(client_for, setup, page, data):
    response = client_for("coordinator").post(page, data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Invitation.objects.exists()


def test_nobody_is_invited_to_a_cancelled_orientation(setup, client_for, page):
    services.orientation_cancel(orientation=setup.orientation)

    response = client_for("coordinator").post(page, {"peers": [setup.sofia.pk]})

    assert "This orientation was cancelled" in html.unescape(response.content.decode())
    assert not Invitation.objects.exists()


def test_another_schools_orientation_is_not_found(client_for, setup, page):
    assert client_for("other_coordinator").get(page).status_code == 404
