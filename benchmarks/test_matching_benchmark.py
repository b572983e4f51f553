"""The matching budget: 1,000 peers × 200 students solved in under a second on the project's 2-core machine.

Run with `make bench` (not part of `make test`). Inputs are built outside the timed part, as the service builds
them from the database; the timing covers the whole solver: allowed pairs, preference points, the min-cost flow and
the explanations. The assertion keeps the budget honest; pytest-benchmark prints the numbers.
"""

import random

import pytest

from recruitment.matching.solver import Limits, PeerInput, StudentInput, solve

INTERESTS = ["soccer", "drawing", "music", "games", "reading", "animals", "cooking", "science", "dance", "outdoors"]
PERIODS = range(1, 9)  # six class periods, lunch and recess
BUDGET_SECONDS = 1.0


def instance(n_students: int, n_peers: int, seed: int = 2026):
    rng = random.Random(seed)  # noqa: S311 - a fixed, reproducible instance
    peer_ids = range(10_000, 10_000 + n_peers)
    students = [
        StudentInput(
            id=i, name=f"Student {i}", grade=rng.randint(6, 8),
            slots=frozenset((p, d) for p in [*rng.sample(PERIODS, 3), 7] for d in range(5)),
            interests=frozenset(rng.sample(INTERESTS, 3)),
            avoid=frozenset(rng.sample(peer_ids, 3)), get_to_know=frozenset(rng.sample(peer_ids, 2)),
        )
        for i in range(n_students)
    ]
    peers = [
        PeerInput(
            id=j, name=f"Peer {j}", grade=rng.randint(6, 8),
            availability=frozenset((rng.choice(PERIODS), rng.randrange(5)) for _ in range(6)),
            interests=frozenset(rng.sample(INTERESTS, 3)), capacity=rng.choice((1, 1, 2)),
            last_term_partners=frozenset(rng.sample(range(n_students), 1)),
        )
        for j in peer_ids
    ]
    return students, peers


@pytest.mark.parametrize("n_peers,n_students", [(1000, 200), (250, 50)])
def test_matching_budget(benchmark, n_peers, n_students):
    students, peers = instance(n_students, n_peers)
    names = {p: f"Period {p}" for p in PERIODS}
    result = benchmark.pedantic(
        solve, args=(students, peers), kwargs={"limits": Limits(2, 4), "period_names": names},
        rounds=10, iterations=1, warmup_rounds=1,
    )
    assert len(result.suggestions) >= n_students * 2  # noqa: S101 - a benchmark checks like a test
    assert benchmark.stats.stats.max < BUDGET_SECONDS  # noqa: S101
