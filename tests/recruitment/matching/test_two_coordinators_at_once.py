"""Two coordinators matching at the same moment, on the real PostgreSQL with two connections: two "Propose
matches" runs, the same peer paired by hand with two students, the same pair twice, two confirmations of one peer.
Exactly one wins, the other is told why, and the program keeps one proposal set and one match per pair, within
each peer's capacity. Every write to a program's matches first locks its matching settings row."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recruitment.matching import services
from recruitment.models import Match, MatchingSettings
from schools.scoping import resolve_access
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BUSY = (
    "Someone else is proposing or changing this program's matches right now. Wait a moment, reload the page "
    "and try again."
)


@pytest.fixture(autouse=True)
def saved_settings(setup):
    """The coordinator saved the program's settings before (the defaults: a peer supports one student). Without the
    row, its first creation alone would make the second person wait, and hide what the lock does."""
    return MatchingSettings.objects.create(program=setup.program)


def pair_by_hand(world, setup, student, peer, role="coordinator"):
    access = resolve_access(world.user(role), world.school.pk)
    return lambda: services.match_add(
        access=access, program=setup.program, term=setup.term, focus_student=student, peer=peer, reveal_avoid=True
    )


def test_two_propose_runs_at_once_leave_one_proposal_set(world, setup, monkeypatch):
    require_postgresql()
    # The run that takes the lock thinks for a moment: without the lock, the other would solve meanwhile too.
    slowed(monkeypatch, services.solver, "solve")

    def propose(role):
        return lambda: services.matches_propose(program=setup.program, term=setup.term, by=world.user(role))

    won, lost = winner_and_loser(at_once(propose("coordinator"), propose("school_admin")))

    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == [BUSY]
    stored = Match.objects.filter(program=setup.program, term=setup.term)
    assert {(m.focus_student_id, m.peer_id) for m in stored} == {
        (s.student_id, s.peer_id) for s in won.value.suggestions
    }
    assert stored.count() == len(won.value.suggestions) == 3


def test_one_peer_paired_by_hand_with_two_students_at_once_is_paired_once(world, setup, monkeypatch):
    require_postgresql()
    # Sofia (free at lunch) supports one student (the default capacity); Noah and Lily both have lunch.
    slowed(monkeypatch, services.solver, "hard_violations")

    won, lost = winner_and_loser(
        at_once(
            pair_by_hand(world, setup, setup.noah, setup.sofia),
            pair_by_hand(world, setup, setup.lily, setup.sofia, role="school_admin"),
        )
    )

    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == ["Sofia already supports 1 student(s), the most one peer takes on."]
    assert list(Match.objects.filter(program=setup.program, peer=setup.sofia)) == [won.value]


def test_the_same_pair_made_by_hand_twice_at_once_is_made_once(world, setup, monkeypatch):
    require_postgresql()
    slowed(monkeypatch, services.solver, "hard_violations")

    won, lost = winner_and_loser(
        at_once(
            pair_by_hand(world, setup, setup.noah, setup.sofia),
            pair_by_hand(world, setup, setup.noah, setup.sofia, role="school_admin"),
        )
    )

    # Not an IntegrityError page: the second coordinator reads that the pair exists.
    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == ["Sofia is already paired with Noah."]
    assert list(Match.objects.filter(program=setup.program, peer=setup.sofia)) == [won.value]


def test_two_confirmations_of_one_peer_at_once_stay_within_capacity(world, setup, monkeypatch):
    require_postgresql()
    # Two proposals of Sofia (made when she could support two; now one): confirming both at once must not give her
    # two partners.
    proposals = [
        Match.objects.create(program=setup.program, term=setup.term, focus_student=student, peer=setup.sofia)
        for student in (setup.noah, setup.lily)
    ]
    slowed(monkeypatch, services.solver, "hard_violations")

    def confirm(match, role):
        return lambda: services.matches_confirm(
            program=setup.program, term=setup.term, by=world.user(role), match=match
        )

    outcomes = at_once(confirm(proposals[0], "coordinator"), confirm(proposals[1], "school_admin"))

    assert [outcome.error for outcome in outcomes] == [None, None]
    results = [outcome.value for outcome in outcomes]
    assert sorted(result.count for result in results) == [0, 1]
    refused = next(result for result in results if not result.count).refused
    assert len(refused) == 1
    assert refused[0].startswith("Not confirmed: Sofia with ")
    assert refused[0].endswith("Sofia already supports 1 student(s), the most one peer takes on.")
    assert Match.objects.filter(program=setup.program, peer=setup.sofia).confirmed().count() == 1


# One connection is enough here: the test's own transaction, rolled back (faster than a flush).
@pytest.mark.django_db
def test_the_database_refuses_a_second_match_of_one_pair(world, setup):
    require_postgresql()
    fields = {"program": setup.program, "term": setup.term, "focus_student": setup.noah, "peer": setup.sofia}
    Match.objects.create(status=Match.Status.CONFIRMED, **fields)
    # Past every check in Python (the services would say "already paired"): the constraint still holds.
    with pytest.raises(IntegrityError, match="match_once_per_program_term_pair"), transaction.atomic():
        Match.objects.create(status=Match.Status.PROPOSED, **fields)
    assert Match.objects.filter(**fields).count() == 1


def test_a_hand_pairing_during_a_propose_run_leaves_the_peer_within_capacity(world, setup, monkeypatch):
    require_postgresql()
    # Whichever takes the lock first stays in it a moment: the run solving, or the pairing checking its pair.
    slowed(monkeypatch, services.solver, "solve")
    slowed(monkeypatch, services.solver, "hard_violations")

    _won, lost = winner_and_loser(
        at_once(
            lambda: services.matches_propose(program=setup.program, term=setup.term, by=world.user("coordinator")),
            pair_by_hand(world, setup, setup.lily, setup.sofia, role="school_admin"),
        )
    )

    # The run came second: refused at once. The pairing came second: it counted the run's proposal of Sofia.
    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages in ([BUSY], ["Sofia already supports 1 student(s), the most one peer takes on."])
    assert Match.objects.filter(program=setup.program, peer=setup.sofia).count() == 1
