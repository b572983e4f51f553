"""The measures of an observation by interval recording, and inter-observer agreement: pure functions over interval
records (no database), so they can be checked against worked examples.

A record is anything with ``number``, ``skipped``, ``interaction`` ("student", "peer" or "none"), ``engaged``
("yes", "no" or "na"), ``adult_near`` (bool) and ``peers`` (the ids of the peers involved): an ``IntervalRecord`` or
an ``ObservationInterval`` wrapped by ``selectors``. These are the measures peer support studies report (Carter et
al. 2016; Asmus et al. 2017): the share of intervals with a peer interaction, with academic engagement, with an adult
within 3 feet, the number of different peers, and who started the interactions.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

BY_STUDENT = "student"
BY_PEER = "peer"
NO_INTERACTION = "none"
INTERACTIONS = (BY_STUDENT, BY_PEER, NO_INTERACTION)
ENGAGED = "yes"
NOT_ENGAGED = "no"
NOT_APPLICABLE = "na"
ENGAGEMENT = (ENGAGED, NOT_ENGAGED, NOT_APPLICABLE)


@dataclass(frozen=True)
class IntervalRecord:
    number: int
    skipped: bool = False
    interaction: str = NO_INTERACTION
    engaged: str = NOT_APPLICABLE
    adult_near: bool = False
    peers: frozenset[int] = field(default_factory=frozenset)


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent; None when there is nothing to divide by (never a made-up 0 %)."""
    return part * 100 / whole if whole else None


@dataclass(frozen=True)
class Measures:
    """The totals of one observation. Skipped intervals leave every total; ``skipped`` only says how many there were.

    ``engaged_percent`` is a share of the intervals where academic engagement applied (answered "yes" or "no"):
    intervals marked "not applicable" (lunch, a break between tasks) are left out of its denominator,
    ``engagement_applied``. The initiation percentages are shares of the intervals with an interaction."""

    counted: int
    skipped: int
    with_interaction: int
    engagement_applied: int
    engaged: int
    adult_near: int
    distinct_peers: int
    by_student: int
    by_peer: int

    @property
    def interaction_percent(self) -> float | None:
        return percent(self.with_interaction, self.counted)

    @property
    def engaged_percent(self) -> float | None:
        return percent(self.engaged, self.engagement_applied)

    @property
    def adult_near_percent(self) -> float | None:
        return percent(self.adult_near, self.counted)

    @property
    def by_student_percent(self) -> float | None:
        return percent(self.by_student, self.by_student + self.by_peer)

    @property
    def by_peer_percent(self) -> float | None:
        return percent(self.by_peer, self.by_student + self.by_peer)


def measures(records: Iterable) -> Measures:
    """The measures of one observation's intervals (skipped intervals excluded from every total)."""
    records = list(records)
    counted = [r for r in records if not r.skipped]
    peers: set[int] = set()
    for record in counted:
        peers.update(record.peers)
    applied = [r for r in counted if r.engaged != NOT_APPLICABLE]
    return Measures(
        counted=len(counted),
        skipped=len(records) - len(counted),
        with_interaction=sum(1 for r in counted if r.interaction != NO_INTERACTION),
        engagement_applied=len(applied),
        engaged=sum(1 for r in applied if r.engaged == ENGAGED),
        adult_near=sum(1 for r in counted if r.adult_near),
        distinct_peers=len(peers),
        by_student=sum(1 for r in counted if r.interaction == BY_STUDENT),
        by_peer=sum(1 for r in counted if r.interaction == BY_PEER),
    )


# --- Inter-observer agreement ----------------------------------------------------------------------------------------

# The measures compared interval by interval, with the words the results page uses.
AGREEMENT_MEASURES = (
    ("interaction", "Peer interaction (who started it, or none)"),
    ("engaged", "Academically engaged"),
    ("adult_near", "Adult within 3 feet"),
)


@dataclass(frozen=True)
class MeasureAgreement:
    name: str
    label: str
    agreements: int
    disagreements: int

    @property
    def percent(self) -> float | None:
        return percent(self.agreements, self.agreements + self.disagreements)


@dataclass(frozen=True)
class Agreement:
    """Interval-by-interval agreement of two observers: ``compared`` intervals (recorded by both, skipped by
    neither); per measure and overall (every measure of every compared interval) agreements / (agreements +
    disagreements) x 100."""

    compared: int
    per_measure: tuple[MeasureAgreement, ...]

    @property
    def agreements(self) -> int:
        return sum(m.agreements for m in self.per_measure)

    @property
    def disagreements(self) -> int:
        return sum(m.disagreements for m in self.per_measure)

    @property
    def percent(self) -> float | None:
        return percent(self.agreements, self.agreements + self.disagreements)


def agreement(primary: Iterable, second: Iterable) -> Agreement:
    """Inter-observer agreement between a first observer's and a second observer's records of the same session (same
    clock, so interval numbers match). Only intervals both recorded and neither skipped are compared."""
    first = {r.number: r for r in primary if not r.skipped}
    other = {r.number: r for r in second if not r.skipped}
    numbers = sorted(first.keys() & other.keys())
    per_measure = []
    for name, label in AGREEMENT_MEASURES:
        same = sum(1 for n in numbers if getattr(first[n], name) == getattr(other[n], name))
        per_measure.append(MeasureAgreement(name=name, label=label, agreements=same, disagreements=len(numbers) - same))
    return Agreement(compared=len(numbers), per_measure=tuple(per_measure))
