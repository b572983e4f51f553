"""The demo's friendships, seeded into windows made here (the surveys seeder makes the demo's own)."""

import datetime

import pytest

from evaluation.friendships import demo, network, selectors
from evaluation.models import ContactNomination, WindowKind
from tests.evaluation.factories import SurveyWindowFactory, confirmed_pair, east_evaluation
from tests.programs.factories import ProgramParticipantFactory
from tests.schools.factories import FocusStudentFactory

pytestmark = pytest.mark.django_db


def test_without_the_surveys_windows_nothing_is_made(world):
    east_evaluation(world)
    assert demo.seed(password="x") == ""
    assert not ContactNomination.objects.exists()


def test_friendships_grow_from_the_start_to_mid_term(world):
    ev = east_evaluation(world)  # Noah paired with Sofia and with Liam
    elijah = FocusStudentFactory(school=world.school, first_name="Elijah")
    ProgramParticipantFactory(program=ev.program, student=elijah)
    confirmed_pair(ev.program, peer=ev.other_peer, focus_student=elijah, term=ev.term)
    today = datetime.date.today()
    start = SurveyWindowFactory(
        program=ev.program,
        term=ev.term,
        kind=WindowKind.OTHER,
        name="Start of the year",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=50),
    )
    assert demo.seed_windows(start=start, mid=ev.window) > 0
    assert demo.seed_windows(start=start, mid=ev.window) > 0  # a second run replaces, it does not add
    windows = selectors.contact_windows(program=ev.program)
    before = selectors.friendship_map(program=ev.program, window=start, windows=windows)
    after = selectors.friendship_map(program=ev.program, window=ev.window, windows=windows)
    assert before.net.mutual == set() and len(before.net.one_way_friend_edges) == 1
    noah, sofia, liam = world.focus_student.pk, world.peer_student.pk, ev.other_peer.pk
    # One pair per focus student: Noah with Sofia (the first confirmed), Elijah with Liam.
    assert after.net.mutual == {network.Pair((noah, sofia)), network.Pair((elijah.pk, liam))}
    # Noah answered with support, Elijah by a proxy, the peers alone: the map keeps them apart.
    hows = dict(ContactNomination.objects.filter(window=ev.window).values_list("nominator_id", "answered_how"))
    assert hows == {noah: "with_support", elijah.pk: "proxy", sofia: "alone", liam: "alone"}
    assert after.net.mutual_split.by_how == {"with_support": 1, "proxy": 1}
    # Sofia met Liam (two peers) by mid-term: a new contact.
    assert network.Pair((sofia, liam)) in network.new_contacts(after.net, before.net)
    taking_part = {noah, sofia, liam, elijah.pk}
    assert set(ContactNomination.objects.values_list("nominee_id", flat=True)) <= taking_part
