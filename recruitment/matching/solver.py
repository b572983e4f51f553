"""Pairing peers with focus students: an optimal min-cost flow, with a plain-words reason for every suggestion.

Pure Python (numpy + OR-Tools), no Django: the service builds the inputs from the database and stores the result.

Hard constraints (never broken): a student's "avoid" list; a peer is only paired when free in at least one period
(period, weekday) in which the student's class, lunch or activity happens; a peer's capacity; at most
``max_peers`` peers per student.

The objective, in this order (lexicographic; each level weighs more than everything below it together):
1. as many students as possible get at least one peer;
2. as many peer places as possible count towards each student's minimum (``min_peers``);
3. the most preference: shared interests, "would like to get to know", grade closeness, continuity with last term.

Why 1 before 2: "every student who can reach the minimum does" is an all-or-nothing rule that no network flow can
express (it needs an integer program, far over the one-second budget at 1,000 × 200). Rewards that shrink unit by
unit are convex, so the flow solves levels 1-3 exactly; when peers are short, nobody is left without any peer to
give someone else a fourth. With ``min_peers == 1`` levels 1 and 2 are the same thing.

Graph: source → peer (capacity = the peer's capacity) → student (one arc per allowed pair, capacity 1, cost = −its
preference) → sink through three arcs: the first unit (−W1), units up to the minimum (−W2), units up to the maximum
(0); a source → sink bypass takes the places nobody needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Preference points of one pair (integers: the flow solver works in integers).
SHARED_INTEREST_POINTS = 10  # per shared interest, up to MAX_COUNTED_INTERESTS
MAX_COUNTED_INTERESTS = 3
GET_TO_KNOW_POINTS = 25
CONTINUITY_POINTS = 15
GRADE_POINTS = (9, 6, 3)  # same grade, one apart, two apart
BASE_POINTS = 1  # any allowed pair beats no pair, so networks fill up to the maximum when peers are there
MAX_PAIR_POINTS = (
    SHARED_INTEREST_POINTS * MAX_COUNTED_INTERESTS + GET_TO_KNOW_POINTS + CONTINUITY_POINTS + GRADE_POINTS[0]
    + BASE_POINTS
)


@dataclass(frozen=True)
class StudentInput:
    """A focus student. ``slots`` are the (period id, weekday) pairs when their classes, lunch or activities happen."""

    id: int
    name: str
    grade: int
    slots: frozenset[tuple[int, int]] = frozenset()
    interests: frozenset[str] = frozenset()
    avoid: frozenset[int] = frozenset()  # peer ids: never paired (hard)
    get_to_know: frozenset[int] = frozenset()  # peer ids: a preference
    # Peers already paired with the student (confirmed, or paired by hand): kept as they are, counted in the limits.
    fixed_peers: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PeerInput:
    id: int
    name: str
    grade: int
    availability: frozenset[tuple[int, int]] = frozenset()  # (period id, weekday) when the peer is free
    interests: frozenset[str] = frozenset()
    capacity: int = 1
    # None: not recorded (no app tracks orientation) — a warning. False: required orientation topics are still to
    # cover (the page shows which, live); ``blocked`` when the program does not pair peers until they are ready.
    oriented: bool | None = None
    blocked: bool = False
    last_term_partners: frozenset[int] = frozenset()  # student ids


@dataclass(frozen=True)
class Limits:
    min_peers: int = 2
    max_peers: int = 4

    def __post_init__(self):
        if not 1 <= self.min_peers <= self.max_peers:
            raise ValueError("need 1 <= min_peers <= max_peers")


@dataclass(frozen=True)
class Suggestion:
    student_id: int
    peer_id: int
    score: int
    explanation: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    suggestions: tuple[Suggestion, ...]
    # Students who got fewer peers than the minimum, with the reason in plain words.
    short: Mapping[int, str] = field(default_factory=dict)
    # Peers with room who have no partner, kept or new, with the reason in plain words.
    unplaced: Mapping[int, str] = field(default_factory=dict)
    # When nothing new is suggested: why, in plain words (the coordinator's next step follows from it).
    why_none: tuple[str, ...] = ()

    def peers_of(self, student_id: int) -> list[int]:
        return [s.peer_id for s in self.suggestions if s.student_id == student_id]


def interest_set(text: str | Iterable[str]) -> frozenset[str]:
    """"Soccer, drawing and music" → {"soccer", "drawing", "music"}: how free-text interests are compared."""
    if not isinstance(text, str):
        text = ", ".join(text)
    parts = re.split(r"[,;/\n]|\band\b|&", text.lower())
    return frozenset(" ".join(part.split()) for part in parts if part.strip())


# --- One pair ------------------------------------------------------------------------------------------------------


def common_slots(student: StudentInput, peer: PeerInput) -> frozenset[tuple[int, int]]:
    return student.slots & peer.availability


def pair_points(student: StudentInput, peer: PeerInput) -> int:
    """The preference of one allowed pair (the same numbers the solver uses)."""
    shared = min(len(student.interests & peer.interests), MAX_COUNTED_INTERESTS)
    gap = abs(student.grade - peer.grade)
    return (
        BASE_POINTS
        + SHARED_INTEREST_POINTS * shared
        + (GET_TO_KNOW_POINTS if peer.id in student.get_to_know else 0)
        + (CONTINUITY_POINTS if student.id in peer.last_term_partners else 0)
        + (GRADE_POINTS[gap] if gap < len(GRADE_POINTS) else 0)
    )


def hard_violations(student: StudentInput, peer: PeerInput, *, peer_load: int, student_load: int, limits: Limits,
                    reveal_avoid: bool = True) -> list[str]:
    """Why this pair may not be made (empty: it may). Loads count the pairs already made without this one."""
    problems = []
    if peer.id in student.avoid:
        problems.append(
            f"{student.name} would rather not be paired with {peer.name}." if reveal_avoid
            else f"{student.name}'s confidential preferences rule out this pairing."
        )
    if not common_slots(student, peer):
        problems.append(f"{peer.name} is not free in any period when {student.name}'s classes, lunch or "
                        f"activities happen.")
    if peer_load >= peer.capacity:
        problems.append(f"{peer.name} already supports {peer_load} student(s), the most one peer takes on.")
    if student_load >= limits.max_peers:
        problems.append(f"{student.name} already has {student_load} peer(s), the most a student gets.")
    if peer.blocked:
        problems.append(f"{peer.name} has not covered every required orientation topic yet, and this program pairs "
                        f"peers only once they are ready.")
    return problems


def _slot_words(slots: Iterable[tuple[int, int]], period_names: Mapping[int, str]) -> str:
    by_period: dict[int, set[int]] = {}
    for period_id, weekday in slots:
        by_period.setdefault(period_id, set()).add(weekday)
    parts = []
    for period_id in sorted(by_period, key=lambda pid: (period_names.get(pid, ""), pid))[:3]:
        days = sorted(by_period[period_id])
        when = "every day" if days == [0, 1, 2, 3, 4] else ", ".join(WEEKDAY_NAMES[d] for d in days)
        parts.append(f"{period_names.get(period_id, 'a shared period')} ({when})")
    return " and ".join(parts)


def explain(student: StudentInput, peer: PeerInput, period_names: Mapping[int, str]) -> tuple[str, tuple[str, ...]]:
    """The reason for a pair in plain words, and its warnings."""
    reasons = []
    shared = sorted(student.interests & peer.interests)
    if shared:
        reasons.append("shares " + (" and ".join(shared) if len(shared) <= 2 else
                                    ", ".join(shared[:-1]) + " and " + shared[-1]))
    common = common_slots(student, peer)
    if common:
        reasons.append("both free " + _slot_words(common, period_names))
    if peer.id in student.get_to_know:
        reasons.append(f"{student.name} would like to get to know {peer.name}")
    if student.id in peer.last_term_partners:
        reasons.append("were partners last term")
    gap = abs(student.grade - peer.grade)
    reasons.append("same grade" if gap == 0 else f"{gap} grade{'s' if gap > 1 else ''} apart")
    warnings = []
    # A peer not yet ready is flagged on the page from their readiness now (it changes after the next meeting), not
    # from a warning stored with the proposal.
    if peer.oriented is None:
        warnings.append(f"{peer.name}'s orientation is not recorded yet.")
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:] + ".", tuple(warnings)


# --- The whole problem ---------------------------------------------------------------------------------------------


def _index(values: Iterable) -> dict:
    return {value: i for i, value in enumerate(sorted(set(values)))}


def allowed_pairs(students: list[StudentInput], peers: list[PeerInput]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Student indexes, peer indexes and points of every pair that breaks no hard constraint (vectorised)."""
    slot_ix = _index(slot for s in students for slot in s.slots)
    interest_ix = _index(i for s in students for i in s.interests)
    peer_ix = {p.id: j for j, p in enumerate(peers)}
    student_ix = {s.id: i for i, s in enumerate(students)}
    n_s, n_p = len(students), len(peers)

    s_slots = np.zeros((n_s, len(slot_ix)), dtype=np.float32)
    p_slots = np.zeros((n_p, len(slot_ix)), dtype=np.float32)
    s_int = np.zeros((n_s, len(interest_ix)), dtype=np.float32)
    p_int = np.zeros((n_p, len(interest_ix)), dtype=np.float32)
    for i, s in enumerate(students):
        s_slots[i, [slot_ix[x] for x in s.slots]] = 1
        s_int[i, [interest_ix[x] for x in s.interests]] = 1
    for j, p in enumerate(peers):
        p_slots[j, [slot_ix[x] for x in p.availability if x in slot_ix]] = 1
        p_int[j, [interest_ix[x] for x in p.interests if x in interest_ix]] = 1

    allowed = (s_slots @ p_slots.T) > 0
    avoid_rows = [(i, peer_ix[pid]) for i, s in enumerate(students) for pid in s.avoid if pid in peer_ix]
    if avoid_rows:
        rows, cols = zip(*avoid_rows, strict=True)
        allowed[list(rows), list(cols)] = False
    fixed_rows = [(i, peer_ix[pid]) for i, s in enumerate(students) for pid in s.fixed_peers if pid in peer_ix]
    if fixed_rows:
        rows, cols = zip(*fixed_rows, strict=True)
        allowed[list(rows), list(cols)] = False
    capacities = np.array([p.capacity for p in peers], dtype=np.int64)
    allowed[:, capacities <= 0] = False
    allowed[:, np.array([p.blocked for p in peers], dtype=bool)] = False

    points = BASE_POINTS + SHARED_INTEREST_POINTS * np.minimum(s_int @ p_int.T, MAX_COUNTED_INTERESTS).astype(np.int64)
    gap = np.abs(np.array([s.grade for s in students])[:, None] - np.array([p.grade for p in peers])[None, :])
    grade_points = np.zeros_like(gap)
    for distance, value in enumerate(GRADE_POINTS):
        grade_points[gap == distance] = value
    points += grade_points
    for i, s in enumerate(students):
        for pid in s.get_to_know:
            if pid in peer_ix:
                points[i, peer_ix[pid]] += GET_TO_KNOW_POINTS
    for j, p in enumerate(peers):
        for sid in p.last_term_partners:
            if sid in student_ix:
                points[student_ix[sid], j] += CONTINUITY_POINTS

    si, pj = np.nonzero(allowed)
    return si, pj, points[si, pj]


def objective(assignment: Iterable[tuple[int, int]], students: list[StudentInput], peers: list[PeerInput],
              limits: Limits) -> tuple[int, int, int]:
    """(students with a peer, places towards the minimums, total preference) of a set of (student id, peer id)."""
    by_id_s = {s.id: s for s in students}
    by_id_p = {p.id: p for p in peers}
    counts: dict[int, int] = {s.id: len(s.fixed_peers) for s in students}
    total = 0
    for sid, pid in assignment:
        counts[sid] = counts.get(sid, 0) + 1
        total += pair_points(by_id_s[sid], by_id_p[pid])
    return (
        sum(1 for n in counts.values() if n > 0),
        sum(min(n, limits.min_peers) for n in counts.values()),
        total,
    )


def solve(students: Iterable[StudentInput], peers: Iterable[PeerInput], *, limits: Limits = Limits(),
          period_names: Mapping[int, str] | None = None) -> Result:
    """The optimal pairing (see the module docstring for the order of goals), each with its explanation.

    Deterministic: inputs are ordered by id first, so the same people always give the same result.
    """
    students = sorted(students, key=lambda s: s.id)
    peers = sorted(peers, key=lambda p: p.id)
    period_names = period_names or {}
    if not students or not peers:
        return Result(
            suggestions=(),
            short={s.id: f"{s.name} has {len(s.fixed_peers)} of at least {limits.min_peers} peers: there are no "
                         f"peers to pair with." for s in students if len(s.fixed_peers) < limits.min_peers},
            unplaced={p.id: f"{p.name}: no focus students take part in this program." for p in peers},
            why_none=why_none(students, peers, limits=limits, allowed=0),
        )
    n_s, n_p = len(students), len(peers)
    si, pj, points = allowed_pairs(students, peers)

    # Weights that make the goals lexicographic: W2 outweighs all preference, W1 outweighs W2 on every unit.
    most_units = min(int(sum(max(p.capacity, 0) for p in peers)), n_s * limits.max_peers)
    w2 = MAX_PAIR_POINTS * (most_units + 1) + 1
    w1 = w2 * (most_units + 1) + 1

    source, sink = n_p + n_s, n_p + n_s + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    tails, heads, caps, costs = [], [], [], []
    # source → peer
    tails.append(np.full(n_p, source))
    heads.append(np.arange(n_p))
    caps.append(np.array([max(p.capacity, 0) for p in peers]))
    costs.append(np.zeros(n_p, dtype=np.int64))
    # peer → student, one per allowed pair
    pair_arc_start = n_p
    tails.append(pj)
    heads.append(n_p + si)
    caps.append(np.ones(len(si), dtype=np.int64))
    costs.append(-points)
    # student → sink: first unit, units up to the minimum, units up to the maximum
    student_nodes = n_p + np.arange(n_s)
    fixed = np.array([len(s.fixed_peers) for s in students], dtype=np.int64)
    first = np.where(fixed == 0, 1, 0)
    towards_min = np.maximum(0, limits.min_peers - np.maximum(fixed, 1))
    extra = np.maximum(0, limits.max_peers - np.maximum(fixed, limits.min_peers))
    for capacity, cost in ((first, -w1), (towards_min, -w2), (extra, 0)):
        keep = capacity > 0
        tails.append(student_nodes[keep])
        heads.append(np.full(int(keep.sum()), sink))
        caps.append(capacity[keep])
        costs.append(np.full(int(keep.sum()), cost, dtype=np.int64))
    # source → sink: the places nobody needs
    supply = int(sum(max(p.capacity, 0) for p in peers))
    tails.append(np.array([source]))
    heads.append(np.array([sink]))
    caps.append(np.array([supply]))
    costs.append(np.array([0]))

    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32), np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64), np.concatenate(costs).astype(np.int64),
    )
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")

    used = flow.flows(np.arange(pair_arc_start, pair_arc_start + len(si))) > 0
    chosen_s, chosen_p, chosen_points = si[used], pj[used], points[used]
    suggestions = []
    counts = fixed.copy()
    for i, j, score in zip(chosen_s.tolist(), chosen_p.tolist(), chosen_points.tolist(), strict=True):
        counts[i] += 1
        text, warnings = explain(students[i], peers[j], period_names)
        suggestions.append(Suggestion(students[i].id, peers[j].id, int(score), text, warnings))
    suggestions.sort(key=lambda s: (s.student_id, -s.score, s.peer_id))

    allowed_per_student = np.bincount(si, minlength=n_s)
    has_room = np.array([len(s.fixed_peers) < limits.max_peers for s in students], dtype=bool)
    short = {}
    for i, s in enumerate(students):
        if counts[i] >= limits.min_peers:
            continue
        if allowed_per_student[i] + fixed[i] < limits.min_peers:
            why = (f"only {allowed_per_student[i]} peer(s) are free when {s.name}'s classes, lunch or activities "
                   f"happen and not on their avoid list")
        else:
            why = "the peers free at the same times are already paired with other students"
        short[s.id] = f"{s.name} has {counts[i]} of at least {limits.min_peers} peers: {why}."
    return Result(
        suggestions=tuple(suggestions),
        short=short,
        unplaced=_unplaced(students, peers, limits, chosen_p, np.bincount(pj, minlength=n_p)),
        why_none=() if suggestions else why_none(students, peers, limits=limits, allowed=int(has_room[si].sum())),
    )


def _unplaced(students: list[StudentInput], peers: list[PeerInput], limits: Limits, chosen_peers: np.ndarray,
              allowed_per_peer: np.ndarray) -> dict[int, str]:
    """Why each peer with room and no partner (kept or suggested) was not placed. The avoid list is never named:
    the page is read by staff who may not see it."""
    kept = {peer_id for s in students for peer_id in s.fixed_peers}
    placed = set(chosen_peers.tolist())
    unplaced = {}
    for j, p in enumerate(peers):
        if j in placed or p.id in kept or p.capacity <= 0:
            continue
        if p.blocked:
            why = "they have not covered every required orientation topic yet, and this program waits until they are"
        elif not p.availability:
            why = "no free periods are recorded for them"
        elif not any(s.slots & p.availability for s in students):
            why = "they are not free in any period when a focus student's classes, lunch or activities happen"
        elif not allowed_per_peer[j]:
            why = "the students free at the same times can't be paired with them"
        else:
            why = f"the students free at the same times already have the most peers ({limits.max_peers} each)"
        unplaced[p.id] = f"{p.name} is not placed: {why}."
    return unplaced


def why_none(students: list[StudentInput], peers: list[PeerInput], *, limits: Limits, allowed: int) -> tuple[str, ...]:
    """Why a run suggests nothing, in the order a coordinator would fix it. ``allowed`` counts the pairs that break
    no hard constraint and whose student could take another peer."""
    if not students:
        return ("No focus students take part in this program yet.",)
    if not peers:
        return ("No peers who may be placed take part in this program.",)
    reasons = []
    if all(len(s.fixed_peers) >= limits.max_peers for s in students):
        return (f"Every focus student already has the most peers ({limits.max_peers}).",)
    if all(len(s.fixed_peers) >= limits.min_peers for s in students):
        reasons.append(f"Everyone already has enough peers (at least {limits.min_peers} each).")
    if all(p.capacity <= 0 for p in peers):
        reasons.append("Every peer already supports as many students as one peer takes on.")
    elif not allowed:
        if all(p.blocked for p in peers if p.capacity > 0):
            reasons.append("No peer with room left has covered every required orientation topic yet, and this "
                           "program pairs peers only once they are ready.")
        elif not any(p.availability for p in peers if p.capacity > 0):
            reasons.append("No free periods are recorded for the peers with room left.")
        else:
            reasons.append("No peer with room left is free in a period when a student who could take another peer "
                           "has classes, lunch or activities (or the student's preferences rule them out).")
    return tuple(reasons) or ("No new pairing keeps every rule.",)
