"""The friendship network from hand-made nominations: every count checked by hand."""

from evaluation.friendships.network import (
    Nomination,
    Pair,
    lasted,
    new_contacts,
    new_mutual,
    window_network,
)

# Students 1..6. Start of the year:
#   1 -> 2 friend, in school (alone)         2 -> 1 in school (with support)
#   3 -> 4 friend (alone)                    4 -> 3 friend (proxy)          => mutual {3, 4}
#   5 -> 1 out of school (alone)
START = [
    Nomination(1, 2, in_school=True, friend=True, answered_how="alone"),
    Nomination(2, 1, in_school=True, answered_how="with_support"),
    Nomination(3, 4, friend=True, answered_how="alone"),
    Nomination(4, 3, friend=True, answered_how="proxy"),
    Nomination(5, 1, out_of_school=True, answered_how="alone"),
]
# Mid-term: 1 and 2 now name each other as friends; 3 -> 4 stays, 4 no longer names 3; 5 and 6 met in school and
# are friends.
MID = [
    Nomination(1, 2, in_school=True, friend=True, answered_how="alone"),
    Nomination(2, 1, in_school=True, out_of_school=True, friend=True, answered_how="with_support"),
    Nomination(3, 4, in_school=True, friend=True, answered_how="alone"),
    Nomination(5, 6, in_school=True, friend=True, answered_how="alone"),
    Nomination(6, 5, in_school=True, friend=True, answered_how="proxy"),
]


def test_nodes_edges_and_mutual_friendships():
    net = window_network(START, students=[6])
    assert net.nodes == {1, 2, 3, 4, 5, 6}
    assert net.friend_edges == {(1, 2), (3, 4), (4, 3)}
    assert net.contact_edges == {(1, 2), (2, 1), (5, 1)}
    assert net.mutual == {Pair((3, 4))}
    assert net.one_way_friend_edges == {(1, 2)}
    assert net.contact_pairs == {Pair((1, 2)), Pair((1, 5))}


def test_named_and_named_by():
    net = window_network(START, students=[6])
    assert net.named == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0}
    assert net.named_by == {1: 2, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0}


def test_every_count_is_split_by_how_it_was_answered():
    net = window_network(START)
    assert net.nominations_split.by_how == {"alone": 3, "with_support": 1, "proxy": 1}
    assert net.nominations_split.total == 5
    assert (net.in_school_split.alone, net.in_school_split.with_support) == (1, 1)
    assert net.out_of_school_split.by_how == {"alone": 1}
    assert net.friend_split.by_how == {"alone": 2, "proxy": 1}
    # The mutual friendship {3, 4}: one side answered by a proxy, so it counts as by a proxy, never as alone.
    assert net.mutual_split.by_how == {"proxy": 1}
    assert net.mutual_split.alone == 0


def test_new_contacts_and_new_mutual_friendships_since_the_previous_window():
    start, mid = window_network(START), window_network(MID)
    assert mid.mutual == {Pair((1, 2)), Pair((5, 6))}
    assert new_mutual(mid, start) == {Pair((1, 2)), Pair((5, 6))}
    assert mid.mutual_split.by_how == {"with_support": 1, "proxy": 1}
    # {1, 2} spent time at the start already; {3, 4} had not (only friends); {5, 6} is new; {1, 5} is gone.
    assert new_contacts(mid, start) == {Pair((3, 4)), Pair((5, 6))}
    assert mid.pairs_split(new_contacts(mid, start)).by_how == {"alone": 1, "proxy": 1}
    # Without a previous window every contact is new.
    assert new_contacts(start, None) == start.contact_pairs


def test_what_lasted_at_a_follow_up():
    mid = window_network(MID)
    follow_up = window_network(
        [
            Nomination(1, 2, friend=True, out_of_school=True, answered_how="alone"),
            Nomination(2, 1, friend=True, answered_how="proxy"),
            Nomination(6, 5, answered_how="alone"),  # named, but no time together and not a friend
        ]
    )
    kept = lasted(follow_up, mid)
    assert kept.mutual_before == {Pair((1, 2)), Pair((5, 6))}
    assert kept.mutual_kept == {Pair((1, 2))}
    assert kept.contacts_before == {Pair((1, 2)), Pair((3, 4)), Pair((5, 6))}
    assert kept.contacts_kept == {Pair((1, 2))}
    assert follow_up.pairs_split(kept.mutual_kept).by_how == {"proxy": 1}


def test_a_self_nomination_is_ignored():
    net = window_network([Nomination(1, 1, friend=True, in_school=True)])
    assert net.nodes == frozenset() and not net.friend_edges and not net.mutual
