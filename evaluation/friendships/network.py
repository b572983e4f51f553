"""The friendship network of one survey window, from its contact nominations: pure Python, no database, so every
figure on the map can be checked by hand.

A nomination is one student naming another (``in_school``, ``out_of_school``, ``friend``). From a window's
nominations: the nodes, the directed edges (named as a friend, spent time together), the mutual friendships (both
named each other as a friend), how many each student named and was named by; against the previous window, the new
contacts (pairs that appear now and did not before); at a follow-up window, what lasted from an earlier window (its
mutual friendships and contacts still there) - the maintenance the research looks for.

Every figure is also split by how the nominations behind it were answered (alone, with support, by a proxy): a
pair's figure counts under the most assisted answer among the nominations that make it, so nothing answered with
help is ever counted as answered alone.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

ALONE, WITH_SUPPORT, PROXY, NOT_RECORDED = "alone", "with_support", "proxy", ""
# From least to most assisted: a pair (two nominations) counts under the later of its two answers.
HOW_ORDER = (NOT_RECORDED, ALONE, WITH_SUPPORT, PROXY)

Pair = frozenset  # two student ids, unordered


@dataclass(frozen=True)
class Nomination:
    nominator: int
    nominee: int
    in_school: bool = False
    out_of_school: bool = False
    friend: bool = False
    answered_how: str = NOT_RECORDED

    @property
    def is_contact(self) -> bool:
        """Spent time together (in or out of school)."""
        return self.in_school or self.out_of_school


@dataclass(frozen=True)
class Split:
    """One figure: its total and the same count by how it was answered."""

    by_how: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_how.values())

    # No ``__getitem__``: a template would look ``total`` up as a key before the property.
    def count(self, how: str) -> int:
        return self.by_how.get(how, 0)

    @property
    def alone(self) -> int:
        return self.count(ALONE)

    @property
    def with_support(self) -> int:
        return self.count(WITH_SUPPORT)

    @property
    def proxy(self) -> int:
        return self.count(PROXY)

    @property
    def not_recorded(self) -> int:
        return self.count(NOT_RECORDED)


def split(hows: Iterable[str]) -> Split:
    return Split(by_how=dict(Counter(hows)))


def most_assisted(hows: Iterable[str]) -> str:
    ranked = [HOW_ORDER.index(how) if how in HOW_ORDER else 0 for how in hows]
    return HOW_ORDER[max(ranked)] if ranked else NOT_RECORDED


@dataclass
class WindowNetwork:
    nodes: frozenset[int]
    nominations: tuple[Nomination, ...]
    friend_edges: frozenset[tuple[int, int]]  # (nominator, nominee): named as a friend
    contact_edges: frozenset[tuple[int, int]]  # (nominator, nominee): spent time together
    mutual: frozenset[Pair]  # both named each other as a friend
    named: dict[int, int] = field(default_factory=dict)  # how many each student named
    named_by: dict[int, int] = field(default_factory=dict)  # how many named them

    @property
    def one_way_friend_edges(self) -> frozenset[tuple[int, int]]:
        return frozenset(edge for edge in self.friend_edges if Pair(edge) not in self.mutual)

    @property
    def contact_pairs(self) -> frozenset[Pair]:
        """Pairs who spent time together, as named by either of them."""
        return frozenset(Pair(edge) for edge in self.contact_edges)

    def pair_how(self, pair: Pair) -> str:
        """How the nominations between the two were answered (the most assisted of them)."""
        return most_assisted(n.answered_how for n in self.nominations if Pair((n.nominator, n.nominee)) == pair)

    def pairs_split(self, pairs: Iterable[Pair]) -> Split:
        return split(self.pair_how(pair) for pair in pairs)

    # The figures of the map, each split by how it was answered.
    @property
    def nominations_split(self) -> Split:
        return split(n.answered_how for n in self.nominations)

    @property
    def in_school_split(self) -> Split:
        return split(n.answered_how for n in self.nominations if n.in_school)

    @property
    def out_of_school_split(self) -> Split:
        return split(n.answered_how for n in self.nominations if n.out_of_school)

    @property
    def friend_split(self) -> Split:
        return split(n.answered_how for n in self.nominations if n.friend)

    @property
    def mutual_split(self) -> Split:
        return self.pairs_split(self.mutual)


def window_network(nominations: Iterable[Nomination], *, students: Iterable[int] = ()) -> WindowNetwork:
    """The network of one window. ``students`` adds the program's participants nobody named (still on the map)."""
    nominations = tuple(n for n in nominations if n.nominator != n.nominee)
    friend_edges = frozenset((n.nominator, n.nominee) for n in nominations if n.friend)
    contact_edges = frozenset((n.nominator, n.nominee) for n in nominations if n.is_contact)
    mutual = frozenset(Pair(edge) for edge in friend_edges if (edge[1], edge[0]) in friend_edges)
    nodes = frozenset(students) | {n.nominator for n in nominations} | {n.nominee for n in nominations}
    named = Counter(n.nominator for n in nominations)
    named_by = Counter(n.nominee for n in nominations)
    return WindowNetwork(
        nodes=nodes,
        nominations=nominations,
        friend_edges=friend_edges,
        contact_edges=contact_edges,
        mutual=mutual,
        named={node: named.get(node, 0) for node in nodes},
        named_by={node: named_by.get(node, 0) for node in nodes},
    )


def new_contacts(current: WindowNetwork, previous: WindowNetwork | None) -> frozenset[Pair]:
    """Pairs who spent time together in this window and not in the previous one (all of them without one)."""
    before = previous.contact_pairs if previous is not None else frozenset()
    return current.contact_pairs - before


def new_mutual(current: WindowNetwork, previous: WindowNetwork | None) -> frozenset[Pair]:
    return current.mutual - (previous.mutual if previous is not None else frozenset())


@dataclass(frozen=True)
class Lasted:
    """At a follow-up window: what an earlier window had and how much of it is still there."""

    mutual_before: frozenset[Pair]
    mutual_kept: frozenset[Pair]
    contacts_before: frozenset[Pair]
    contacts_kept: frozenset[Pair]


def lasted(follow_up: WindowNetwork, earlier: WindowNetwork) -> Lasted:
    return Lasted(
        mutual_before=earlier.mutual,
        mutual_kept=earlier.mutual & follow_up.mutual,
        contacts_before=earlier.contact_pairs,
        contacts_kept=earlier.contact_pairs & follow_up.contact_pairs,
    )
