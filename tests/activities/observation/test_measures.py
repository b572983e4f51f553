"""The measures and inter-observer agreement against worked examples, computed by hand in the comments."""

import pytest

from activities.observation.measures import IntervalRecord as R
from activities.observation.measures import agreement, measures

# Ten intervals of one observation; peers are ids. Intervals 6 and 10 are skipped: they leave every total (interval 6
# would otherwise add an interaction by the student, engagement, an adult near and peer 9).
EXAMPLE = [
    R(1, interaction="student", engaged="yes", adult_near=True, peers=frozenset({1})),
    R(2, interaction="peer", engaged="yes", peers=frozenset({1, 2})),
    R(3, interaction="none", engaged="no", adult_near=True),
    R(4, interaction="none", engaged="na"),
    R(5, interaction="peer", engaged="yes", peers=frozenset({3})),
    R(6, skipped=True, interaction="student", engaged="yes", adult_near=True, peers=frozenset({9})),
    R(7, interaction="none", engaged="no"),
    R(8, interaction="student", engaged="na", adult_near=True, peers=frozenset({2})),
    R(9, interaction="none", engaged="yes"),
    R(10, skipped=True),
]


def test_the_worked_example():
    result = measures(EXAMPLE)
    # Counted: 10 intervals - 2 skipped (6, 10) = 8.
    assert (result.counted, result.skipped) == (8, 2)
    # Peer interaction in 1, 2, 5, 8: 4 of 8 = 50 %.
    assert result.with_interaction == 4
    assert result.interaction_percent == 50.0
    # Engagement applied (yes or no) in 1, 2, 3, 5, 7, 9 = 6 (4 and 8 are "not applicable", left out of the
    # denominator); engaged in 1, 2, 5, 9 = 4; 4 / 6 x 100 = 66.666... %.
    assert (result.engaged, result.engagement_applied) == (4, 6)
    assert result.engaged_percent == pytest.approx(66.6667, abs=1e-3)
    # An adult within 3 feet in 1, 3, 8: 3 of 8 = 37.5 %.
    assert result.adult_near == 3
    assert result.adult_near_percent == 37.5
    # Different peers: {1} | {1, 2} | {3} | {2} = {1, 2, 3} = 3 (peer 9 was only in the skipped interval 6).
    assert result.distinct_peers == 3
    # Started by the student: 1, 8 = 2; by a peer: 2, 5 = 2; each 2 of 4 interactions = 50 %.
    assert (result.by_student, result.by_peer) == (2, 2)
    assert (result.by_student_percent, result.by_peer_percent) == (50.0, 50.0)


def test_initiations_split_unevenly():
    # 3 by the student, 1 by a peer, 1 none: student 3/4 = 75 %, peer 1/4 = 25 %; interaction 4/5 = 80 %.
    records = [
        R(1, interaction="student"),
        R(2, interaction="student"),
        R(3, interaction="student"),
        R(4, interaction="peer"),
        R(5),
    ]
    result = measures(records)
    assert (result.by_student_percent, result.by_peer_percent, result.interaction_percent) == (75.0, 25.0, 80.0)


def test_skipped_intervals_leave_every_total():
    # The example without its skipped intervals gives the same measures (only ``skipped`` differs).
    kept = [r for r in EXAMPLE if not r.skipped]
    with_skipped, without = measures(EXAMPLE), measures(kept)
    for name in (
        "counted",
        "with_interaction",
        "engagement_applied",
        "engaged",
        "adult_near",
        "distinct_peers",
        "by_student",
        "by_peer",
    ):
        assert getattr(with_skipped, name) == getattr(without, name), name
    assert (with_skipped.skipped, without.skipped) == (2, 0)


def test_nothing_to_divide_by_is_no_percentage():
    # Every interval skipped, or engagement never applied: no made-up 0 %.
    result = measures([R(1, skipped=True), R(2, skipped=True, interaction="peer")])
    assert result.counted == 0
    assert result.interaction_percent is None and result.adult_near_percent is None
    assert result.engaged_percent is None and result.by_student_percent is None
    assert measures([R(1, engaged="na")]).engaged_percent is None
    assert measures([]).counted == 0


# Inter-observer agreement. The first observer recorded 1-6 (5 skipped); the second 1-5 and 7 (7 is past the first's).
PRIMARY = [
    R(1, interaction="student", engaged="yes", adult_near=True),
    R(2, interaction="none", engaged="no"),
    R(3, interaction="peer", engaged="yes"),
    R(4, interaction="none", engaged="na"),
    R(5, skipped=True),
    R(6, interaction="student", engaged="yes", adult_near=True),
]
SECOND = [
    R(1, interaction="student", engaged="yes", adult_near=False),
    R(2, interaction="peer", engaged="no"),
    R(3, interaction="peer", engaged="yes", adult_near=True),
    R(4, interaction="none", engaged="no"),
    R(5, interaction="none", engaged="yes"),
    R(7, interaction="student"),
]


def test_agreement_worked_example():
    result = agreement(PRIMARY, SECOND)
    # Compared: recorded by both and skipped by neither = 1, 2, 3, 4 (5 skipped by the first; 6 and 7 only one side).
    assert result.compared == 4
    by_name = {m.name: m for m in result.per_measure}
    # Interaction: 1 agree (student/student), 2 disagree (none/peer), 3 agree, 4 agree -> 3 / (3 + 1) = 75 %.
    assert (by_name["interaction"].agreements, by_name["interaction"].disagreements) == (3, 1)
    assert by_name["interaction"].percent == 75.0
    # Engaged: 1 agree, 2 agree (no/no), 3 agree, 4 disagree (na/no) -> 3 / 4 = 75 %.
    assert (by_name["engaged"].agreements, by_name["engaged"].disagreements) == (3, 1)
    # Adult within 3 feet: 1 disagree (yes/no), 2 agree, 3 disagree (no/yes), 4 agree -> 2 / 4 = 50 %.
    assert (by_name["adult_near"].agreements, by_name["adult_near"].disagreements) == (2, 2)
    assert by_name["adult_near"].percent == 50.0
    # Overall: (3 + 3 + 2) agreements / 12 measures compared = 8 / 12 = 66.666... %.
    assert (result.agreements, result.disagreements) == (8, 4)
    assert result.percent == pytest.approx(66.6667, abs=1e-3)


def test_agreement_is_symmetric_and_needs_intervals_in_common():
    assert agreement(SECOND, PRIMARY).percent == agreement(PRIMARY, SECOND).percent
    none = agreement(PRIMARY, [R(5), R(9)])  # 5 skipped by the first, 9 not recorded by the first
    assert none.compared == 0 and none.percent is None
    perfect = agreement(PRIMARY, PRIMARY)
    assert perfect.compared == 5 and perfect.percent == 100.0
