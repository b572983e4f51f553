"""The topic library: the guide's topics with their source, the coordinator's own, and retiring and bringing back."""

from django.urls import reverse

from orientation.models import OrientationTopic
from orientation.sessions import selectors
from tests.orientation.factories import OrientationTopicFactory

BIG = 2**70


def test_the_library_holds_the_guides_topics_with_their_source(world, client_for):
    page = client_for("staff").get(reverse("orientation:topics")).content.decode()
    assert "The purpose of the peer partner program" in page
    assert "Ziegler et al. (2020)" in page
    assert "Plainer: Why our program exists" in page
    assert "Required" in page and "Shown to peers" in page
    assert OrientationTopic.objects.filter(school=world.school).count() == 13
    # A teacher reads; only the coordinator and principal change the library.
    assert reverse("orientation:topic_add") not in page


def test_a_coordinator_adds_their_own_topic(world, client_for):
    client = client_for("coordinator")
    response = client.post(reverse("orientation:topic_add"), {
        "title": "Our lunch bunch routines", "description": "Where we sit, how we start.", "plain_title": "Lunch time",
        "source": "Our planning team", "tailoring": "", "is_required": "on", "is_public": "on",
    }, follow=True)
    assert "“Our lunch bunch routines” is in your topic library." in response.content.decode()
    topic = OrientationTopic.objects.get(title="Our lunch bunch routines")
    assert topic.school == world.school and topic.is_required and topic.is_public and topic.guide_key == ""
    assert topic.created_by == world.user("coordinator")
    assert topic in OrientationTopic.objects.filter(school=world.school).required()


def test_a_coordinator_edits_a_guide_topic(world, client_for):
    client = client_for("coordinator")
    client.get(reverse("orientation:topics"))
    topic = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    response = client.post(reverse("orientation:topic_edit", kwargs={"pk": topic.pk}), {
        "title": "Why we have Peer to Peer", "description": topic.description, "plain_title": topic.plain_title,
        "source": topic.source, "tailoring": "",
    }, follow=True)
    assert "“Why we have Peer to Peer” is saved." in response.content.decode()
    topic.refresh_from_db()
    assert topic.title == "Why we have Peer to Peer" and not topic.is_required


def test_retire_and_bring_back(world, client_for, east_session):
    client = client_for("coordinator")
    topic = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    response = client.post(reverse("orientation:topic_retire", kwargs={"pk": topic.pk}), follow=True)
    assert "is retired" in response.content.decode()
    topic.refresh_from_db()
    assert topic.is_retired
    assert topic not in OrientationTopic.objects.filter(school=world.school).required()
    assert topic not in selectors.addable_topics(orientation=east_session.orientation)
    agenda = client.get(reverse("orientation:agenda", kwargs={"pk": east_session.orientation.pk})).content.decode()
    assert f'value="{topic.pk}"' not in agenda
    # Adding it anyway (a stale page) is refused.
    client.post(reverse("orientation:agenda_add", kwargs={"pk": east_session.orientation.pk}), {"topic": topic.pk})
    assert not east_session.orientation.agenda_items.filter(topic=topic).exists()

    response = client.post(reverse("orientation:topic_restore", kwargs={"pk": topic.pk}), follow=True)
    assert "is back in use" in response.content.decode()
    topic.refresh_from_db()
    assert not topic.is_retired and topic in selectors.addable_topics(orientation=east_session.orientation)


def test_bad_topic_input_is_said_on_the_form(world, client_for):
    client = client_for("coordinator")
    before = OrientationTopic.objects.count()
    for data, message in (
        ({"title": ""}, "Name the topic."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "A topic", "tailoring": "everything"}, "Choose who the topic is proposed for."),
        ({"title": "A topic", "description": "x" * 5000}, "at most 4000 characters"),
    ):
        response = client.post(reverse("orientation:topic_add"), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert OrientationTopic.objects.count() == before


def test_another_schools_topic_is_not_found(world, client_for):
    theirs = OrientationTopicFactory(school=world.other_school)
    client = client_for("coordinator")
    assert client.get(reverse("orientation:topic_edit", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("orientation:topic_retire", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("orientation:topic_edit", kwargs={"pk": BIG})).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_retired
