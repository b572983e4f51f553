"""The program's focus students' own preferences about an applicant: shown only to people who may see the student's
confidential record, and every view is written to the access log."""

import pytest
from django.urls import reverse

from schools.models import AccessLogEntry, PeerPreference
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import PeerPreferenceFactory, StudentFactory


@pytest.fixture
def preference(world, east):
    ProgramParticipantFactory(program=east.campaign.program, student=world.focus_student)
    maya = StudentFactory(school=world.school, first_name="Maya", last_name="Chen", grade=4)
    return PeerPreferenceFactory(student=world.focus_student, kind=PeerPreference.Kind.GET_TO_KNOW, peer=maya,
                                 group="", note="We sit together in art.")


def detail(client, east):
    return client.get(reverse("recruitment:application_detail", args=[east.application.pk])).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "school_admin"])
def test_school_wide_roles_see_it_and_the_view_is_logged(client_for, world, east, preference, role):
    html = detail(client_for(role), east)
    assert "We sit together in art." in html and "Would like to get to know" in html
    entry = AccessLogEntry.objects.get(student=world.focus_student)
    assert entry.user == world.user(role) and entry.action == "view" and "art" not in entry.what


def test_staff_outside_the_support_team_do_not_see_it(client_for, world, east, preference):
    html = detail(client_for("staff"), east)
    assert "We sit together in art." not in html
    assert "One more student&#x27;s preference is confidential" in html or "One more student" in html
    assert not AccessLogEntry.objects.exists()


def test_the_support_team_sees_it(client_for, world, east, preference):
    world.focus_student.support_team.add(world.user("staff"))
    assert "We sit together in art." in detail(client_for("staff"), east)
    assert AccessLogEntry.objects.filter(user=world.user("staff"), student=world.focus_student).count() == 1


def test_preferences_about_someone_else_are_not_shown(client_for, world, east, preference):
    preference.peer = StudentFactory(school=world.school, first_name="Other", last_name="Person")
    preference.save()
    html = detail(client_for("coordinator"), east)
    assert "We sit together in art." not in html
    assert not AccessLogEntry.objects.exists()
