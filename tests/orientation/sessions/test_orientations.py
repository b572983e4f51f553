"""Orientations of a program: planning one, editing it, the school's index (upcoming first) and the program's list."""

import datetime

import pytest
from django.urls import reverse

from orientation import selectors as public_selectors
from orientation.models import Orientation
from schools.dates import school_today
from tests.orientation.factories import OrientationFactory, OrientationMeetingFactory
from tests.programs.factories import ProgramFactory
from tests.schools.factories import MembershipFactory, TermFactory, UserFactory

BIG = 2**70


def plan(east_session, world, **changes):
    return {
        "kind": "initial", "title": "Spring orientation", "term": world.term.pk, "audience": "peers",
        "facilitators": [world.user("coordinator").pk, world.user("staff").pk], "capacity": "20",
        "description": "Getting ready to partner at lunch.", **changes,
    }


def test_a_coordinator_plans_an_orientation(world, client_for, east_session):
    client = client_for("coordinator")
    url = reverse("orientation:create", kwargs={"pk": east_session.program.pk})
    form = client.get(url).content.decode()
    assert "Fall" in form and world.user("staff").display_name in form
    response = client.post(url, plan(east_session, world), follow=True)
    orientation = Orientation.objects.get(title="Spring orientation")
    assert response.redirect_chain[-1][0] == reverse("orientation:detail", kwargs={"pk": orientation.pk})
    assert "is planned" in response.content.decode()
    assert orientation.program == east_session.program and orientation.capacity == 20
    assert orientation.created_by == world.user("coordinator")
    assert set(orientation.facilitators.all()) == {world.user("coordinator"), world.user("staff")}


def test_a_follow_up_meeting_without_a_limit(world, client_for, east_session):
    client_for("coordinator").post(
        reverse("orientation:create", kwargs={"pk": east_session.program.pk}),
        plan(east_session, world, kind="follow_up", title="Mid-year follow-up", capacity="", facilitators=[]),
    )
    orientation = Orientation.objects.get(title="Mid-year follow-up")
    assert orientation.kind == "follow_up" and orientation.capacity is None


def test_editing_an_orientation(world, client_for, east_session):
    client = client_for("school_admin")
    url = reverse("orientation:update", kwargs={"pk": east_session.orientation.pk})
    assert "Fall orientation" in client.get(url).content.decode()
    client.post(url, plan(east_session, world, title="Fall orientation for new peers", facilitators=[]))
    east_session.orientation.refresh_from_db()
    assert east_session.orientation.title == "Fall orientation for new peers"
    assert not east_session.orientation.facilitators.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give it a title, e.g. Fall orientation."),
        ({"capacity": "twenty"}, "Give the number of places as a whole number, e.g. 20."),
        ({"capacity": "-3"}, "Give at least one place, or leave it empty for no limit."),
        ({"capacity": "0"}, "Give at least one place, or leave it empty for no limit."),
        ({"capacity": "1e400"}, "Give the number of places as a whole number"),
        ({"capacity": str(BIG)}, "That is more places than any orientation holds."),
        ({"term": ""}, "Choose the term it is for."),
        ({"term": str(BIG)}, "Choose one of the program&#x27;s terms."),
        ({"term": "spring"}, "Choose one of the program&#x27;s terms."),
        ({"kind": "party"}, "Select a valid choice."),
        ({"facilitators": [str(BIG)]}, "Choose a staff member of your school from the list."),
        ({"facilitators": ["one"]}, "Choose a staff member of your school from the list."),
    ],
)
def test_bad_orientation_input_is_said_on_the_form(world, client_for, east_session, changes, message):
    before = Orientation.objects.count()
    response = client_for("coordinator").post(
        reverse("orientation:create", kwargs={"pk": east_session.program.pk}), plan(east_session, world, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Orientation.objects.count() == before


def test_a_term_or_facilitator_of_another_school_is_refused(world, client_for, east_session):
    theirs = MembershipFactory(school=world.other_school, role="general_educator", user=UserFactory()).user
    their_term = TermFactory(school=world.other_school, name="Putnam fall")
    not_the_programs = TermFactory(school=world.school, name="Summer")
    client = client_for("coordinator")
    url = reverse("orientation:create", kwargs={"pk": east_session.program.pk})
    for changes, message in (
        ({"facilitators": [theirs.pk]}, "Choose a staff member of your school from the list."),
        ({"term": their_term.pk}, "Choose one of the program&#x27;s terms."),
        ({"term": not_the_programs.pk}, "Choose one of the program&#x27;s terms."),
    ):
        response = client.post(url, plan(east_session, world, **changes))
        assert message in response.content.decode()
    assert not Orientation.objects.filter(title="Spring orientation").exists()


def test_another_schools_program_and_orientation_are_not_found(world, client_for, east_session):
    theirs = OrientationFactory(program=ProgramFactory(school=world.other_school))
    client = client_for("coordinator")
    assert client.get(reverse("orientation:list", kwargs={"pk": theirs.program.pk})).status_code == 404
    assert client.post(reverse("orientation:create", kwargs={"pk": theirs.program.pk}), {}).status_code == 404
    assert client.get(reverse("orientation:detail", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("orientation:update", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("orientation:detail", kwargs={"pk": BIG})).status_code == 404


def test_the_index_puts_upcoming_orientations_first_and_filters(world, client_for, east_session):
    today = school_today(world.school)
    past = OrientationFactory(program=east_session.program, term=world.term, title="Last spring's orientation")
    OrientationMeetingFactory(orientation=past, date=today - datetime.timedelta(days=90))
    soon = OrientationFactory(program=east_session.program, term=world.term, title="Make-up orientation")
    OrientationMeetingFactory(orientation=soon, date=today + datetime.timedelta(days=2))
    other = ProgramFactory(school=world.school, name="Lunch Bunch")
    spring = TermFactory(school=world.school, name="Spring")
    elsewhere = OrientationFactory(program=other, term=spring, title="Lunch Bunch orientation")
    client = client_for("staff")
    page = client.get(reverse("orientation:index")).content.decode()
    order = [page.index(title) for title in ("Make-up orientation", "Fall orientation", "Last spring")]
    assert order == sorted(order)
    assert "Lunch Bunch orientation" in page and "No meetings planned yet" in page
    narrowed = client.get(reverse("orientation:index"), {"program": other.pk}).content.decode()
    assert "Lunch Bunch orientation" in narrowed and "Fall orientation" not in narrowed
    narrowed = client.get(reverse("orientation:index"), {"term": world.term.pk}).content.decode()
    assert "Lunch Bunch orientation" not in narrowed and "Fall orientation" in narrowed
    assert elsewhere.pk


@pytest.mark.parametrize("value", [str(BIG), "lunch", "-1"])
def test_a_forged_filter_is_said_and_the_list_shown(world, client_for, east_session, value):
    theirs = OrientationFactory(program=ProgramFactory(school=world.other_school), title="Putnam orientation")
    response = client_for("coordinator").get(reverse("orientation:index"), {"program": value, "term": value})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a program of your school from the list." in page and "Fall orientation" in page
    assert theirs.title not in page


def test_another_schools_program_in_the_filter_is_refused(world, client_for, east_session):
    theirs = OrientationFactory(program=ProgramFactory(school=world.other_school), title="Putnam orientation")
    page = client_for("coordinator").get(reverse("orientation:index"), {"program": theirs.program.pk}).content
    assert b"Choose a program of your school from the list." in page and b"Putnam orientation" not in page


def test_the_programs_page_links_to_its_orientations(world, client_for, east_session):
    client = client_for("staff")
    detail = client.get(reverse("programs:detail", kwargs={"pk": east_session.program.pk})).content.decode()
    url = reverse("orientation:list", kwargs={"pk": east_session.program.pk})
    assert url in detail
    listing = client.get(url).content.decode()
    assert "Fall orientation" in listing
    assert reverse("orientation:create", kwargs={"pk": east_session.program.pk}) not in listing  # a teacher reads


def test_orientation_is_in_the_navigation_for_staff_only(world, client_for, east_session):
    index = reverse("orientation:index")
    assert f'href="{index}"' in client_for("staff").get(reverse("dashboard")).content.decode()
    assert f'href="{index}"' not in client_for("peer").get(reverse("dashboard")).content.decode()


def test_the_detail_page_shows_the_agenda_meetings_and_the_areas_panels(world, client_for, east_session):
    page = client_for("staff").get(reverse("orientation:detail", kwargs={"pk": east_session.orientation.pk}))
    text = page.content.decode()
    assert "Our lunch bunch routines" in text and "Library" in text
    assert world.user("coordinator").display_name in text
    used = {template.name for template in page.templates}
    areas = ("invitations", "readiness", "resources", "followups")
    assert {f"orientation/{area}/_panel.html" for area in areas} <= used


def test_program_orientations_for_later_apps(world, east_session):
    assert list(public_selectors.program_orientations(program=east_session.program)) == [east_session.orientation]
