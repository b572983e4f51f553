"""Tailoring: proposals from the students the attending peers partner with, said in words that name no student and
reveal no confidential fact to a reader who may not see it."""

from django.urls import reverse

from orientation.models import AgendaItem, Invitation, OrientationSettings, OrientationTopic
from orientation.sessions import selectors, services
from recruitment.models import Match
from schools.scoping import resolve_access
from tests.schools.factories import BehaviorNoteFactory, TermFactory


def access_of(world, role):
    return resolve_access(world.user(role), world.school.pk)


def proposals_by_key(orientation, access):
    return {p.topic.guide_key or p.topic.title: p for p in selectors.tailoring_proposals(orientation=orientation,
                                                                                          access=access)}


def communication_topic(world):
    return OrientationTopic.objects.get(school=world.school, tailoring="communication")


def behavior_topic(world):
    return OrientationTopic.objects.get(school=world.school, tailoring="behavior")


def test_required_topics_are_always_proposed(world, east_session):
    proposals = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))
    required = set(OrientationTopic.objects.filter(school=world.school).required().values_list("guide_key", flat=True))
    assert required and required <= set(proposals)
    assert all("Required for every peer" in proposals[key].reason for key in required)
    # Nobody partners with anyone yet: no tailored topic.
    assert communication_topic(world).guide_key not in proposals
    assert behavior_topic(world).guide_key not in proposals


def test_aac_partners_bring_the_communication_topic_with_a_count(world, east_session, pair):
    pair(aac_device="Tablet with TouchChat")
    pair(complex_communication_needs=True)
    pair(aac_device="   ")  # blank: not an AAC user
    pair(peer_grade=5)
    proposal = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))[
        communication_topic(world).guide_key
    ]
    assert "2 of your peers partner with students who use AAC or have complex communication needs." in proposal.reason
    assert behavior_topic(world).guide_key not in proposals_by_key(east_session.orientation,
                                                                   access_of(world, "coordinator"))


def test_behaviour_notes_bring_the_behaviour_topic_only_counted_for_the_coordinator(world, east_session, pair):
    _, partner = pair()
    BehaviorNoteFactory(student=partner)
    key = behavior_topic(world).guide_key
    coordinator = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))[key]
    assert "1 of your peers partners with students who have behaviour support notes." in coordinator.reason
    teacher = proposals_by_key(east_session.orientation, access_of(world, "staff"))[key]
    assert teacher.reason.startswith("Proposed for the students your peers partner with")
    assert "behaviour" not in teacher.reason.lower()


def test_a_general_educator_reads_no_disability_or_behaviour_in_any_reason(world, east_session, pair):
    _, partner = pair(aac_device="Eye gaze board")
    BehaviorNoteFactory(student=partner)
    reasons = " ".join(p.reason for p in selectors.tailoring_proposals(orientation=east_session.orientation,
                                                                       access=access_of(world, "staff")))
    for word in ("AAC", "communication needs", "behaviour", "behavior", "disab", partner.first_name):
        assert word.lower() not in reasons.lower()
    # ... and what is stored on the agenda is the same neutral wording, whoever accepted it.
    services.agenda_accept_proposals(orientation=east_session.orientation, access=access_of(world, "coordinator"))
    stored = " ".join(AgendaItem.objects.filter(orientation=east_session.orientation).values_list("reason", flat=True))
    assert "Proposed for the students your peers partner with" in stored
    for word in ("AAC", "communication needs", "behaviour", "behavior", partner.first_name):
        assert word.lower() not in stored.lower()


def test_the_detail_page_shows_a_teacher_the_neutral_reason(world, east_session, pair, client_for):
    _, partner = pair(aac_device="Eye gaze board")
    BehaviorNoteFactory(student=partner)
    services.agenda_accept_proposals(orientation=east_session.orientation, access=access_of(world, "coordinator"))
    page = client_for("staff").get(reverse("orientation:detail", kwargs={"pk": east_session.orientation.pk}))
    text = page.content.decode()
    assert "Proposed for the students your peers partner with" in text
    assert "behaviour support notes" not in text and "use AAC" not in text


def test_younger_peers_bring_the_plainer_wording(world, east_session, pair):
    OrientationSettings.objects.create(program=east_session.program, younger_peers_below_grade=5)
    pair(peer_grade=3)
    pair(peer_grade=4)
    pair(peer_grade=5)
    proposal = proposals_by_key(east_session.orientation, access_of(world, "staff"))["purpose"]
    assert proposal.use_plain_wording
    assert "2 of your peers are in Grade 4 or below: use the plainer wording." in proposal.reason


def test_no_plainer_wording_when_every_peer_is_old_enough(world, east_session, pair):
    OrientationSettings.objects.create(program=east_session.program, younger_peers_below_grade=3)
    pair(peer_grade=4)
    proposal = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))["purpose"]
    assert not proposal.use_plain_wording and "plainer" not in proposal.reason


def test_without_settings_peers_below_grade_6_are_younger(world, east_session, pair):
    pair(peer_grade=5)
    proposal = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))["purpose"]
    assert proposal.use_plain_wording
    assert "1 of your peers is in Grade 5 or below" in proposal.reason


def test_retired_topics_are_never_proposed(world, east_session, pair):
    _, partner = pair(aac_device="Tablet")
    BehaviorNoteFactory(student=partner)
    services.topic_retire(topic=communication_topic(world))
    purpose = OrientationTopic.objects.get(school=world.school, guide_key="purpose")
    services.topic_retire(topic=purpose)
    proposals = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))
    assert communication_topic(world).guide_key not in proposals
    assert "purpose" not in proposals
    assert behavior_topic(world).guide_key in proposals


def test_invited_peers_who_declined_do_not_count(world, east_session, pair):
    coming, _ = pair(aac_device="Tablet")
    declined, _ = pair(aac_device="Tablet")
    Invitation.objects.create(orientation=east_session.orientation, student=coming, response="yes")
    Invitation.objects.create(orientation=east_session.orientation, student=declined, response="no")
    proposal = proposals_by_key(east_session.orientation, access_of(world, "coordinator"))[
        communication_topic(world).guide_key
    ]
    assert "1 of your peers partners with students who use AAC" in proposal.reason


def test_once_peers_are_invited_uninvited_pairs_do_not_count(world, east_session, pair):
    invited, _ = pair()
    pair(aac_device="Tablet")  # paired, but not invited
    Invitation.objects.create(orientation=east_session.orientation, student=invited)
    assert communication_topic(world).guide_key not in proposals_by_key(
        east_session.orientation, access_of(world, "coordinator")
    )


def test_another_terms_pairs_do_not_count(world, east_session, pair):
    peer, _ = pair(aac_device="Tablet")
    Match.objects.filter(peer=peer).update(term=TermFactory(school=world.school, name="Spring"))
    assert communication_topic(world).guide_key not in proposals_by_key(
        east_session.orientation, access_of(world, "coordinator")
    )


def test_accept_all_then_nothing_more_is_proposed(world, east_session, pair, client_for):
    pair(aac_device="Tablet")
    client = client_for("coordinator")
    url = reverse("orientation:agenda_accept", kwargs={"pk": east_session.orientation.pk})
    response = client.post(url, follow=True)
    assert "Added to the agenda" in response.content.decode()
    keys = set(AgendaItem.objects.filter(orientation=east_session.orientation).values_list("topic__guide_key",
                                                                                           flat=True))
    assert communication_topic(world).guide_key in keys and "purpose" in keys
    assert selectors.tailoring_proposals(orientation=east_session.orientation,
                                         access=access_of(world, "coordinator")) == []
    page = client.get(reverse("orientation:agenda", kwargs={"pk": east_session.orientation.pk})).content.decode()
    assert "Nothing more to propose" in page


def test_accept_one(world, east_session, pair, client_for):
    pair(aac_device="Tablet")
    topic = communication_topic(world)
    client_for("coordinator").post(
        reverse("orientation:agenda_accept", kwargs={"pk": east_session.orientation.pk}), {"topic": topic.pk}
    )
    item = AgendaItem.objects.get(orientation=east_session.orientation, topic=topic)
    assert item.reason.startswith("Proposed for the students your peers partner with")
    assert item.use_plain_wording  # grade 4 peer, below the default grade 6
    assert AgendaItem.objects.filter(orientation=east_session.orientation).count() == 2  # with the matrix's item


def test_the_agenda_page_says_why_to_the_coordinator_without_names(world, east_session, pair, client_for):
    _, partner = pair(aac_device="Tablet", first_name="Zephyrine")
    BehaviorNoteFactory(student=partner, behavior="Leaves the room when it is loud")
    page = client_for("coordinator").get(
        reverse("orientation:agenda", kwargs={"pk": east_session.orientation.pk})
    ).content.decode()
    assert "1 of your peers partners with students who use AAC or have complex communication needs." in page
    assert "1 of your peers partners with students who have behaviour support notes." in page
    assert "Zephyrine" not in page and "Leaves the room" not in page
