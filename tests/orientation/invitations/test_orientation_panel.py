"""This area's part of an orientation's page: its meetings, the answers so far, and the links to invite and to add
a meeting for those who plan orientations."""

import html

from django.template.loader import render_to_string
from django.urls import reverse

from orientation.invitations import services
from orientation.invitations.selectors import orientation_panel
from schools.scoping import resolve_access
from tests.orientation.factories import InvitationFactory


def panel_for(world, setup, role):
    access = resolve_access(world.user(role), world.school.pk)
    panel = orientation_panel(orientation=setup.orientation, access=access)
    return html.unescape(render_to_string("orientation/invitations/_panel.html", {"panel": panel}))


def test_the_coordinator_sees_meetings_answers_and_links(world, setup):
    InvitationFactory(orientation=setup.orientation, student=setup.sofia, response="yes")
    InvitationFactory(orientation=setup.orientation, student=setup.mason)

    page = panel_for(world, setup, "coordinator")

    assert "Library" in page
    assert "2 invited: 1 coming, 0 can't come, 1 not answered yet." in page
    assert reverse("orientation:invite", kwargs={"pk": setup.orientation.pk}) in page
    assert reverse("orientation:meeting_add", kwargs={"pk": setup.orientation.pk}) in page


def test_other_staff_read_without_the_buttons(world, setup):
    page = panel_for(world, setup, "staff")

    assert "Library" in page
    assert reverse("orientation:invite", kwargs={"pk": setup.orientation.pk}) not in page
    assert "Cancel the meeting" not in page


def test_a_cancelled_meeting_is_shown_struck_through(world, setup):
    services.meeting_cancel(meeting=setup.meeting)

    page = panel_for(world, setup, "coordinator")

    assert "<del>" in page and "Cancelled" in page
    edit = reverse("orientation:meeting_edit", kwargs={"pk": setup.orientation.pk, "meeting_pk": setup.meeting.pk})
    assert edit not in page
