"""Matching services: proposals from the program's people, hand pairings under the hard constraints, confirm,
remove, and the selectors later issues use (a peer's partners, a student's peers)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from recruitment.matching import selectors, services
from recruitment.models import Match, MatchingSettings
from schools.models import AccessLogEntry, PeerAvailability, PeerPreference
from schools.scoping import resolve_access
from tests.schools.factories import TermFactory


def pairs(program):
    return {(m.focus_student.first_name, m.peer.first_name) for m in Match.objects.filter(program=program)}


def access_of(world, role="coordinator"):
    return resolve_access(world.user(role), world.school.pk)


def test_propose_stores_the_optimal_pairs_with_their_reasons(world, setup):
    result = services.matches_propose(program=setup.program, term=setup.term, by=world.user("coordinator"))
    # Noah: Harper (3rd period, would like to know her) and Sofia (lunch); never Mason (avoid). Lily: Mason.
    assert pairs(setup.program) == {("Noah", "Harper"), ("Noah", "Sofia"), ("Lily", "Mason")}
    harper = Match.objects.get(focus_student=setup.noah, peer=setup.harper)
    assert harper.status == Match.Status.PROPOSED and not harper.by_hand
    assert harper.explanation == ("Shares drawing and soccer; both free 3rd period (every day); Noah would like to "
                                  "get to know Harper; same grade.")
    # Readiness is shown live on the page, not stored with the proposal (and with no required topic, Harper is ready).
    assert harper.warning_list == []
    assert "Lily has 1 of at least 2 peers" in result.short[setup.lily.pk]


def test_propose_again_replaces_proposals_but_keeps_confirmed_and_hand_pairs(world, setup):
    coordinator = world.user("coordinator")
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    keep = Match.objects.get(focus_student=setup.noah, peer=setup.harper)
    services.matches_confirm(program=setup.program, term=setup.term, by=coordinator, match=keep)
    Match.objects.filter(peer=setup.sofia).delete()
    services.match_add(access=access_of(world), program=setup.program, term=setup.term, focus_student=setup.lily,
                       peer=setup.sofia, reveal_avoid=True)
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    keep.refresh_from_db()
    assert keep.status == Match.Status.CONFIRMED
    assert Match.objects.get(peer=setup.sofia).by_hand
    # Sofia (capacity 1) stays with Lily; Mason cannot go to Noah: Lily keeps Mason too.
    assert pairs(setup.program) == {("Noah", "Harper"), ("Lily", "Sofia"), ("Lily", "Mason")}


def test_settings_change_the_network_sizes(world, setup):
    services.matching_settings_save(program=setup.program, peer_capacity=2, min_peers=1, max_peers=1)
    services.matches_propose(program=setup.program, term=setup.term, by=world.user("coordinator"))
    assert pairs(setup.program) == {("Noah", "Harper"), ("Lily", "Sofia")}
    with pytest.raises(ValidationError):
        services.matching_settings_save(program=setup.program, peer_capacity=1, min_peers=3, max_peers=2)
    assert MatchingSettings.objects.get(program=setup.program).max_peers_per_student == 1


@pytest.mark.parametrize(
    "who,message",
    [
        ("mason", "Noah would rather not be paired with Mason."),
        ("busy", "Busy is not free in any period when Noah's classes, lunch or activities happen."),
    ],
)
def test_a_hand_pairing_that_breaks_a_hard_constraint_is_refused(world, setup, who, message):
    peer = getattr(setup, who)
    with pytest.raises(ValidationError) as refused:
        services.match_add(access=access_of(world), program=setup.program, term=setup.term,
                           focus_student=setup.noah, peer=peer, reveal_avoid=True)
    assert message in refused.value.messages
    assert not Match.objects.exists()


def test_a_refused_avoid_pairing_is_logged_or_kept_confidential(world, setup):
    logged = AccessLogEntry.objects.filter(student=setup.noah).count
    with pytest.raises(ValidationError):
        services.match_add(access=access_of(world), program=setup.program, term=setup.term,
                           focus_student=setup.noah, peer=setup.mason, reveal_avoid=True)
    assert logged() == 1
    with pytest.raises(ValidationError) as refused:
        services.match_add(access=access_of(world), program=setup.program, term=setup.term,
                           focus_student=setup.noah, peer=setup.mason, reveal_avoid=False)
    assert "Mason" not in refused.value.messages[0]
    assert logged() == 1


def test_hand_pairing_respects_capacity_and_the_most_peers(world, setup):
    access = access_of(world)
    services.match_add(access=access, program=setup.program, term=setup.term, focus_student=setup.noah,
                       peer=setup.sofia, reveal_avoid=True)
    with pytest.raises(ValidationError) as refused:
        services.match_add(access=access, program=setup.program, term=setup.term, focus_student=setup.lily,
                           peer=setup.sofia, reveal_avoid=True)
    assert refused.value.messages == ["Sofia already supports 1 student(s), the most one peer takes on."]
    services.matching_settings_save(program=setup.program, peer_capacity=1, min_peers=1, max_peers=1)
    with pytest.raises(ValidationError) as refused:
        services.match_add(access=access, program=setup.program, term=setup.term, focus_student=setup.noah,
                           peer=setup.harper, reveal_avoid=True)
    assert refused.value.messages == ["Noah already has 1 peer(s), the most a student gets."]
    with pytest.raises(ValidationError, match="already paired"):
        services.match_add(access=access, program=setup.program, term=setup.term, focus_student=setup.noah,
                           peer=setup.sofia, reveal_avoid=True)


def test_confirm_remove_and_the_partner_selectors(world, setup):
    coordinator = world.user("coordinator")
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    assert list(selectors.partners_of(student=setup.sofia)) == []
    assert services.matches_confirm(program=setup.program, term=setup.term, by=coordinator).count == 3
    assert list(selectors.partners_of(student=setup.sofia, term=setup.term)) == [setup.noah]
    assert set(selectors.peers_of_focus_student(student=setup.noah, program=setup.program)) == {setup.sofia,
                                                                                                 setup.harper}
    confirmed = Match.objects.get(peer=setup.sofia)
    assert confirmed.confirmed_by == coordinator and confirmed.confirmed_at is not None
    services.match_remove(match=confirmed)
    confirmed.refresh_from_db()
    assert confirmed.status == Match.Status.ENDED
    assert list(selectors.partners_of(student=setup.sofia)) == []
    services.match_add(access=access_of(world), program=setup.program, term=setup.term, focus_student=setup.lily,
                       peer=setup.sofia, reveal_avoid=True)
    proposal = Match.objects.get(focus_student=setup.lily, peer=setup.sofia)
    services.match_remove(match=proposal)
    assert not Match.objects.filter(pk=proposal.pk).exists()


def test_last_terms_partners_are_kept_together(world, setup):
    earlier = TermFactory(school=world.school, name="Spring", kind=setup.term.kind,
                          start_date=setup.term.start_date - datetime.timedelta(days=200),
                          end_date=setup.term.start_date - datetime.timedelta(days=100))
    Match.objects.create(program=setup.program, term=earlier, focus_student=setup.lily, peer=setup.sofia,
                         status=Match.Status.CONFIRMED)
    services.matching_settings_save(program=setup.program, peer_capacity=1, min_peers=1, max_peers=1)
    services.matches_propose(program=setup.program, term=setup.term, by=world.user("coordinator"))
    lily = Match.objects.get(term=setup.term, focus_student=setup.lily)
    assert lily.peer == setup.sofia
    assert "were partners last term" in lily.explanation


def test_current_term_prefers_the_programs_term(world, setup):
    assert selectors.current_term(program=setup.program) == setup.term
    year = TermFactory(school=world.school, name="Year", kind="school_year",
                       start_date=setup.term.start_date - datetime.timedelta(days=10),
                       end_date=setup.term.end_date + datetime.timedelta(days=10))
    setup.program.terms.add(year)
    assert selectors.current_term(program=setup.program) == year


def test_confirm_checks_the_rules_as_they_are_now(world, setup):
    coordinator = world.user("coordinator")
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    # Since the proposal, Sofia is no longer free at lunch, and Lily would rather avoid Mason.
    PeerAvailability.objects.filter(student=setup.sofia).delete()
    PeerPreference.objects.create(student=setup.lily, kind=PeerPreference.Kind.AVOID, peer=setup.mason)
    result = services.matches_confirm(program=setup.program, term=setup.term, by=coordinator)
    assert result.count == 1
    assert result.refused == [
        "Not confirmed: Sofia with Noah. Sofia is not free in any period when Noah's classes, lunch or activities "
        "happen.",
        "Not confirmed: Mason with Lily. Lily's confidential preferences rule out this pairing.",
    ]
    assert set(Match.objects.filter(status=Match.Status.PROPOSED).values_list("peer__first_name", flat=True)) == {
        "Sofia", "Mason"}
