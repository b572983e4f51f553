"""Building an agenda by hand: add a topic in use, order, notes for the facilitator, the meeting, the plainer
wording, remove; and every bad input said, never saved."""

import pytest
from django.urls import reverse

from orientation.models import AgendaItem, OrientationTopic
from tests.orientation.factories import (
    AgendaItemFactory,
    OrientationFactory,
    OrientationMeetingFactory,
    OrientationTopicFactory,
)
from tests.programs.factories import ProgramFactory

BIG = 2**70


def agenda_url(session):
    return reverse("orientation:agenda", kwargs={"pk": session.orientation.pk})


def titles(session):
    return list(
        AgendaItem.objects.filter(orientation=session.orientation).order_by("order", "pk").values_list(
            "topic__title", flat=True
        )
    )


def test_add_move_and_remove(world, client_for, east_session):
    client = client_for("coordinator")
    purpose = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    response = client.post(reverse("orientation:agenda_add", kwargs={"pk": east_session.orientation.pk}),
                           {"topic": purpose.pk}, follow=True)
    assert "is on the agenda" in response.content.decode()
    assert titles(east_session) == ["Our lunch bunch routines", purpose.title]
    added = AgendaItem.objects.get(orientation=east_session.orientation, topic=purpose)

    client.post(reverse("orientation:agenda_item_move", kwargs={"pk": added.pk}), {"direction": "up"})
    assert titles(east_session) == [purpose.title, "Our lunch bunch routines"]
    client.post(reverse("orientation:agenda_item_move", kwargs={"pk": added.pk}), {"direction": "up"})  # first
    assert titles(east_session) == [purpose.title, "Our lunch bunch routines"]
    client.post(reverse("orientation:agenda_item_move", kwargs={"pk": added.pk}), {"direction": "down"})
    assert titles(east_session) == ["Our lunch bunch routines", purpose.title]

    response = client.post(reverse("orientation:agenda_item_remove", kwargs={"pk": added.pk}), follow=True)
    assert "is off the agenda" in response.content.decode()
    assert titles(east_session) == ["Our lunch bunch routines"]


def test_notes_meeting_and_plainer_wording(world, client_for, east_session):
    second = OrientationMeetingFactory(orientation=east_session.orientation, place="Room 12")
    purpose = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    item = AgendaItemFactory(orientation=east_session.orientation, topic=purpose, order=5)
    client = client_for("coordinator")
    url = reverse("orientation:agenda_item_edit", kwargs={"pk": item.pk})
    assert "Every meeting" in client.get(url).content.decode()
    client.post(url, {"notes": "Start with the video.", "meeting": second.pk, "use_plain_wording": "on"})
    item.refresh_from_db()
    assert item.notes == "Start with the video." and item.meeting == second and item.use_plain_wording
    page = client.get(agenda_url(east_session)).content.decode()
    assert "Why our program exists" in page and "Start with the video." in page
    detail = client_for("staff").get(reverse("orientation:detail", kwargs={"pk": east_session.orientation.pk}))
    assert "Why our program exists" in detail.content.decode()


def test_a_topic_is_on_an_agenda_once(world, client_for, east_session):
    client_for("coordinator").post(reverse("orientation:agenda_add", kwargs={"pk": east_session.orientation.pk}),
                                   {"topic": east_session.topic.pk})
    assert titles(east_session) == ["Our lunch bunch routines"]


@pytest.mark.parametrize("value", [str(BIG), "purpose", "", "-1"])
def test_forged_topics_are_refused(world, client_for, east_session, value):
    response = client_for("coordinator").post(
        reverse("orientation:agenda_add", kwargs={"pk": east_session.orientation.pk}), {"topic": value}, follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choose a topic" in text
    assert titles(east_session) == ["Our lunch bunch routines"]


def test_another_schools_topic_is_refused(world, client_for, east_session):
    theirs = OrientationTopicFactory(school=world.other_school, title="Putnam's topic")
    client = client_for("coordinator")
    for name in ("agenda_add", "agenda_accept"):
        response = client.post(reverse(f"orientation:{name}", kwargs={"pk": east_session.orientation.pk}),
                               {"topic": theirs.pk}, follow=True)
        assert "Choose a topic of your school&#x27;s library from the list." in response.content.decode()
    assert titles(east_session) == ["Our lunch bunch routines"]


@pytest.mark.parametrize("meeting", ["other", str(BIG), "first"])
def test_a_meeting_of_another_orientation_is_refused(world, client_for, east_session, meeting):
    elsewhere = OrientationMeetingFactory(orientation=OrientationFactory(program=east_session.program,
                                                                         term=world.term))
    value = {"other": elsewhere.pk, "first": "first"}.get(meeting, meeting)
    response = client_for("coordinator").post(
        reverse("orientation:agenda_item_edit", kwargs={"pk": east_session.item.pk}),
        {"notes": "Changed", "meeting": value},
    )
    assert response.status_code == 200
    assert "Choose one of this orientation&#x27;s meetings." in response.content.decode()
    east_session.item.refresh_from_db()
    assert east_session.item.notes == "" and east_session.item.meeting is None


def test_notes_too_long_are_refused(world, client_for, east_session):
    response = client_for("coordinator").post(
        reverse("orientation:agenda_item_edit", kwargs={"pk": east_session.item.pk}), {"notes": "x" * 4001}
    )
    assert "at most 4000 characters" in response.content.decode()


@pytest.mark.parametrize("direction", ["sideways", "", str(BIG)])
def test_a_forged_direction_is_refused(world, client_for, east_session, direction):
    response = client_for("coordinator").post(
        reverse("orientation:agenda_item_move", kwargs={"pk": east_session.item.pk}), {"direction": direction},
        follow=True,
    )
    assert "Move a topic up or down." in response.content.decode()


def test_another_schools_agenda_items_are_not_found(world, client_for, east_session):
    theirs = AgendaItemFactory(orientation=OrientationFactory(program=ProgramFactory(school=world.other_school)))
    client = client_for("coordinator")
    assert client.get(reverse("orientation:agenda_item_edit", kwargs={"pk": theirs.pk})).status_code == 404
    for name in ("agenda_item_move", "agenda_item_remove"):
        assert client.post(reverse(f"orientation:{name}", kwargs={"pk": theirs.pk}),
                           {"direction": "up"}).status_code == 404
    assert client.post(reverse("orientation:agenda_item_remove", kwargs={"pk": BIG})).status_code == 404
    assert AgendaItem.objects.filter(pk=theirs.pk).exists()


def test_a_teacher_reads_the_agenda_but_does_not_build_it(world, client_for, east_session):
    client = client_for("staff")
    assert client.get(agenda_url(east_session)).status_code == 403
    detail = client.get(reverse("orientation:detail", kwargs={"pk": east_session.orientation.pk})).content.decode()
    assert "Our lunch bunch routines" in detail and agenda_url(east_session) not in detail
