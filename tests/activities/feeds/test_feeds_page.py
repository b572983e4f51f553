"""The calendar links page: a person makes a link to their own activities (staff also to one program's), sees it
once as an https address of the site with instructions for Google Calendar and Outlook, then sees only its row
(made, last used), and replaces or removes it. Every bad input gets a clear message and saves nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.feeds.services import MAX_FEEDS_PER_PERSON
from activities.models import CalendarFeed, token_digest
from tests.activities.factories import east_activity, feed_made
from tests.programs.factories import ProgramFactory

PAGE = "/activities/feeds/"
LINK = re.compile(r'value="(https://peers\.example\.org/activities/feeds/([A-Za-z0-9_-]{43})\.ics)"')


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://peers.example.org"


def shown_link(response) -> tuple[str, str]:
    found = LINK.findall(response.content.decode())
    assert len(found) == 1, "the new link is shown exactly once"
    return found[0]


def test_the_page_explains_subscribing_and_the_delay(client_for):
    response = client_for("peer").get(PAGE)
    assert reverse("activities:feeds") == PAGE
    text = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "“From URL”" in text and "Google Calendar" in text
    assert "“Subscribe from web”" in text and "Outlook" in text
    assert "Google Calendar may take up to a day to show a change" in text
    assert "urgent changes" in text and "by email" in text
    assert "You have no calendar links yet." in text


def test_a_peer_makes_a_link_to_their_own_activities_and_sees_it_once(client_for, client, world):
    east_activity(world)
    peer = client_for("peer")
    page = peer.get(PAGE).content.decode()
    # A peer is offered their own calendar only.
    assert 'name="program"' not in page

    response = peer.post(PAGE, {"scope": "personal"})

    assert response.status_code == 200
    url, token = shown_link(response)
    feed = CalendarFeed.objects.get()
    assert (feed.user, feed.school, feed.scope, feed.program) == (world.user("peer"), world.school, "personal", None)
    assert feed.digest == token_digest(token)
    assert 'data-copy-target="feed-link"' in response.content.decode()
    assert "shown only this once" in response.content.decode()
    # The link works, signed in or not.
    assert client.get(url.removeprefix("https://peers.example.org")).status_code == 200

    # Shown once: the page lists the link's row, never the address again.
    again = peer.get(PAGE).content.decode()
    assert token not in again and token[:12] not in again
    assert "My activities" in again
    # The calendar's fetch above is its "last used".
    assert "Not yet" not in again


def test_staff_make_a_program_link(client_for, world):
    objects = east_activity(world)
    coordinator = client_for("coordinator")
    page = coordinator.get(PAGE).content.decode()
    assert f'<option value="{objects.program.pk}">Peer to Peer</option>' in page

    response = coordinator.post(PAGE, {"scope": "program", "program": objects.program.pk})

    assert response.status_code == 200
    shown_link(response)
    feed = CalendarFeed.objects.get()
    assert (feed.scope, feed.program) == ("program", objects.program)
    assert "Peer to Peer" in coordinator.get(PAGE).content.decode()


def test_the_link_is_https_whatever_site_url_says_except_on_ones_own_machine(client_for, world, settings):
    settings.SITE_URL = "http://peers.example.org"
    response = client_for("peer").post(PAGE, {"scope": "personal"})
    assert shown_link(response)[0].startswith("https://peers.example.org/")

    settings.SITE_URL = "http://127.0.0.1:8000"
    response = client_for("peer").post(PAGE, {"scope": "personal"})
    assert 'value="http://127.0.0.1:8000/activities/feeds/' in response.content.decode()


def bad(client, data) -> str:
    response = client.post(PAGE, data)
    assert response.status_code == 400, data
    return " ".join(response.content.decode().split())


def test_bad_input_gets_a_clear_message_and_saves_nothing(client_for, world):
    objects = east_activity(world)
    other_school_program = ProgramFactory(school=world.other_school)
    coordinator = client_for("coordinator")

    assert "Choose what the calendar should show." in bad(coordinator, {})
    assert "Select a valid choice" in bad(coordinator, {"scope": "everyone"})
    assert "Choose the program whose activities the calendar should show." in bad(coordinator, {"scope": "program"})
    for forged in (other_school_program.pk, 2**70, "abc", "-1"):
        assert "Choose one of your school&#x27;s programs." in bad(
            coordinator, {"scope": "program", "program": forged}
        ), forged

    peer = client_for("peer")
    assert "A calendar of a whole program is for staff." in bad(
        peer, {"scope": "program", "program": objects.program.pk}
    )
    assert not CalendarFeed.objects.exists()


def test_a_person_has_at_most_ten_links(client_for, world):
    for _ in range(MAX_FEEDS_PER_PERSON):
        feed_made(world, "peer")
    text = bad(client_for("peer"), {"scope": "personal"})
    assert "You already have 10 calendar links. Remove one you no longer use, then try again." in text
    assert CalendarFeed.objects.count() == MAX_FEEDS_PER_PERSON
    # Removing one makes room.
    CalendarFeed.objects.filter(pk=CalendarFeed.objects.first().pk).update(revoked_at="2026-01-01T00:00Z")
    assert client_for("peer").post(PAGE, {"scope": "personal"}).status_code == 200


def test_remove_switches_the_link_off(client_for, client, world):
    east_activity(world)
    feed, token = feed_made(world, "peer")
    feed_url = reverse("activities:feed", kwargs={"token": token})
    peer = client_for("peer")

    response = peer.post(reverse("activities:feed_revoke", kwargs={"pk": feed.pk}), follow=True)

    assert "The calendar link is switched off." in response.content.decode()
    assert "You have no calendar links yet." in response.content.decode()
    assert client.get(feed_url).status_code == 404
    # Gone from the list; removing it again is a 404 like any link that is not one's own.
    assert peer.post(reverse("activities:feed_revoke", kwargs={"pk": feed.pk})).status_code == 404


def test_new_link_replaces_the_old_one(client_for, client, world):
    east_activity(world)
    feed, token = feed_made(world, "staff")

    response = client_for("staff").post(reverse("activities:feed_rotate", kwargs={"pk": feed.pk}))

    assert response.status_code == 200
    url, new_token = shown_link(response)
    assert new_token != token
    assert client.get(reverse("activities:feed", kwargs={"token": token})).status_code == 404
    assert client.get(url.removeprefix("https://peers.example.org")).status_code == 200
    assert CalendarFeed.objects.filter(revoked_at=None).get().digest == token_digest(new_token)


@pytest.mark.parametrize("role", ["staff", "coordinator", "focus_student", "other_coordinator"])
def test_nobody_else_can_replace_or_remove_a_link(client_for, world, role):
    feed, _ = feed_made(world, "peer")
    client = client_for(role)
    for name in ("activities:feed_rotate", "activities:feed_revoke"):
        assert client.post(reverse(name, kwargs={"pk": feed.pk})).status_code == 404, name
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert CalendarFeed.objects.count() == 1


def test_the_list_costs_the_same_queries_whatever_its_length(client_for, world, django_assert_max_num_queries):
    objects = east_activity(world)
    client = client_for("coordinator")
    feed_made(world, "coordinator")

    with CaptureQueriesContext(connection) as one:
        assert client.get(PAGE).status_code == 200
    for _ in range(MAX_FEEDS_PER_PERSON - 1):
        feed_made(world, "coordinator", program=objects.program)
    with django_assert_max_num_queries(len(one)):
        response = client.get(PAGE)
    assert response.content.decode().count("New link<span") == MAX_FEEDS_PER_PERSON


def test_link_ids_past_any_integer_are_not_found(client_for, world):
    client = client_for("coordinator")
    for name in ("activities:feed_rotate", "activities:feed_revoke"):
        for value in (2**70, 2**63, 2**31):
            assert client.post(reverse(name, kwargs={"pk": value})).status_code == 404, (name, value)
