"""A feed's token: never stored (its digest and a prefix to find the row are), compared in constant time, and the
only key to the feed. Unknown, changed, switched-off tokens and tokens of people who may no longer see the school's
activities all answer the same 404, never a 500. "Last used" is written at most once an hour."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.feeds import services
from activities.models import CalendarFeed, token_digest
from schools.models import Membership
from tests.activities.factories import east_feeds, feed_made


def fetch(client, token):
    return client.get(reverse("activities:feed", kwargs={"token": token}))


def test_only_the_digest_of_the_token_is_kept(world):
    feed, token = feed_made(world, "peer")

    assert len(token) == 43
    row = CalendarFeed.objects.filter(pk=feed.pk).values()[0]
    assert row["digest"] == token_digest(token)
    assert row["lookup"] == token[:12]
    stored = " ".join(str(value) for value in row.values())
    assert token not in stored
    assert token[12:] not in stored


def test_a_good_token_opens_its_feed_for_anyone_without_a_session(client, client_for, world):
    feeds = east_feeds(world)
    assert fetch(client, feeds.peer_token).status_code == 200
    # Signed in as someone else changes nothing: the token alone decides.
    assert fetch(client_for("other_coordinator"), feeds.peer_token).status_code == 200


def tampered(token: str) -> list[str]:
    flip = "A" if token[-1] != "A" else "B"
    return [
        token[:-1] + flip,  # the right prefix, a wrong secret
        flip + token[1:],  # a wrong prefix
        token[:-1],  # too short
        token + "A",  # too long
        token.upper() if token.upper() != token else token.lower(),
        token[:20] + "." + token[21:],
        token[:12] + "%00" + token[15:],
        "x" * 43,
        "a" * 5000,
        "../" + token,
    ]


def test_unknown_or_changed_tokens_answer_404(client, world):
    feeds = east_feeds(world)
    for token in tampered(feeds.peer_token):
        response = client.get(reverse("activities:feed", kwargs={"token": "T"}).replace("T.ics", token + ".ics"))
        assert response.status_code == 404, token
        assert b"BEGIN:VCALENDAR" not in response.content
    # The same answer for a token that never existed and one that was changed.
    never = fetch(client, "n" * 43)
    changed = fetch(client, feeds.peer_token[:-1] + ("A" if feeds.peer_token[-1] != "A" else "B"))
    assert never.status_code == changed.status_code == 404
    assert never.content == changed.content


def test_a_revoked_feed_answers_404(client, world):
    feeds = east_feeds(world)
    assert services.feed_revoke(feed=feeds.peer_feed) is True
    assert fetch(client, feeds.peer_token).status_code == 404
    # Revoking again changes nothing.
    assert services.feed_revoke(feed=feeds.peer_feed) is False
    # The others still work.
    assert fetch(client, feeds.student_token).status_code == 200


def test_a_new_link_switches_the_old_one_off(client, world):
    feeds = east_feeds(world)
    feed, token = services.feed_rotate(feed=feeds.program_feed)

    assert fetch(client, feeds.program_token).status_code == 404
    assert fetch(client, token).status_code == 200
    assert (feed.scope, feed.program, feed.user) == (
        CalendarFeed.Scope.PROGRAM,
        feeds.program_feed.program,
        world.user("coordinator"),
    )
    with pytest.raises(ValidationError, match="already switched off"):
        services.feed_rotate(feed=feeds.program_feed)


@pytest.mark.parametrize(
    "gone",
    [
        "account switched off",
        "student no longer enrolled",
        "student of another school now",
    ],
)
def test_a_student_who_is_gone_gets_404(client, world, gone):
    feeds = east_feeds(world)
    if gone == "account switched off":
        world.user("peer").is_active = False
        world.user("peer").save()
    elif gone == "student no longer enrolled":
        world.peer_student.is_active = False
        world.peer_student.save()
    else:
        world.peer_student.school = world.other_school
        world.peer_student.save()
    assert fetch(client, feeds.peer_token).status_code == 404


def test_staff_whose_membership_ended_get_404(client, world):
    feeds = east_feeds(world)
    Membership.objects.filter(user=world.user("staff"), school=world.school).update(is_active=False)
    assert fetch(client, feeds.staff_token).status_code == 404


def test_a_program_feed_stops_when_its_person_is_no_longer_staff(client, world):
    """The coordinator keeps a sign-in at the school only as a student would (no staff role): no program feed."""
    feeds = east_feeds(world)
    Membership.objects.filter(user=world.user("coordinator"), school=world.school).update(is_active=False)
    assert fetch(client, feeds.program_token).status_code == 404


def test_last_used_is_noted_at_most_once_an_hour(client, world):
    feeds = east_feeds(world)
    feed = feeds.peer_feed
    assert feed.last_used_at is None

    fetch(client, feeds.peer_token)
    feed.refresh_from_db()
    first = feed.last_used_at
    assert first is not None and timezone.now() - first < datetime.timedelta(minutes=1)

    with CaptureQueriesContext(connection) as captured:
        fetch(client, feeds.peer_token)
    assert not [q for q in captured if q["sql"].startswith("UPDATE")]
    feed.refresh_from_db()
    assert feed.last_used_at == first

    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=first - datetime.timedelta(hours=2))
    fetch(client, feeds.peer_token)
    feed.refresh_from_db()
    assert feed.last_used_at > first - datetime.timedelta(minutes=1)


def test_the_feed_answers_get_only(client, world):
    feeds = east_feeds(world)
    url = reverse("activities:feed", kwargs={"token": feeds.peer_token})
    assert client.head(url).status_code == 200
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(url).status_code == 405, method
