"""This area's part of an orientation's page (``orientation:detail`` includes it with ``panel``): each meeting with
its attendance counts and links to take attendance and plan a make-up, and links to readiness and handouts."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from orientation.readiness import selectors, services
from schools.scoping import resolve_access
from tests.orientation.factories import InvitationFactory, ReadinessMeetingFactory, east_readiness
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db


def rendered(world, east, role):
    access = resolve_access(world.user(role), world.school.pk)
    panel = selectors.orientation_panel(orientation=east.orientation, access=access)
    return render_to_string("orientation/readiness/_panel.html", {"panel": panel})


def test_the_panel_counts_attendance_and_links_each_meeting(world, django_assert_num_queries):
    east = east_readiness(world)
    ben = StudentFactory(school=world.school, first_name="Ben")
    InvitationFactory(orientation=east.orientation, student=ben)
    services.attendance_save(meeting=east.meeting, absent={ben.pk}, by=world.user("staff"))
    ReadinessMeetingFactory(orientation=east.orientation)
    access = resolve_access(world.user("coordinator"), world.school.pk)
    with django_assert_num_queries(1):
        selectors.orientation_panel(orientation=east.orientation, access=access)
    text = rendered(world, east, "coordinator")
    assert "1 present, 1 absent" in text
    assert reverse("orientation:attendance", kwargs={"pk": east.meeting.pk}) in text
    assert reverse("orientation:makeup_add", kwargs={"pk": east.meeting.pk}) in text
    assert reverse("orientation:readiness", kwargs={"pk": east.program.pk}) in text
    assert reverse("orientation:handouts", kwargs={"pk": east.program.pk}) in text
    # A teacher takes attendance but does not plan make-ups.
    staff_text = rendered(world, east, "staff")
    assert reverse("orientation:attendance", kwargs={"pk": east.meeting.pk}) in staff_text
    assert reverse("orientation:makeup_add", kwargs={"pk": east.meeting.pk}) not in staff_text
