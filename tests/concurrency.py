"""Two people at once: run actions in threads that start together, each on its own database connection.

Row locks and constraints are PostgreSQL's: these tests need the real database (``require_postgresql``) and mark
themselves ``@pytest.mark.django_db(transaction=True)``, so each thread's writes commit and the other thread sees
them (inside the usual test transaction, a second connection would see nothing and wait for nothing).
"""

import threading
import time
from dataclasses import dataclass
from functools import wraps

from django.db import connection, connections

from .conftest import service_missing

# Long enough for the other thread to reach the same point when nothing makes it wait; short for the suite.
RACE_WINDOW = 0.5


def require_postgresql() -> None:
    """Skip on the embedded SQLite (it has no row locks); fail instead under ``REQUIRE_SERVICES``."""
    if connection.vendor != "postgresql":
        service_missing(f"the suite runs on {connection.vendor}: set DATABASE_URL to PostgreSQL to test row locks")


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None

    @property
    def won(self) -> bool:
        return self.error is None


def at_once(*actions, timeout: float = 60) -> list[Outcome]:
    """Run each action in its own thread, all released together by a barrier; each thread closes its connection at
    its end. Returns what each returned or raised, in the order given."""
    barrier = threading.Barrier(len(actions))
    outcomes = [Outcome() for _ in actions]

    def run(index, action):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index].value = action()
        except BaseException as error:  # handed back to the test, which names it
            outcomes[index].error = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a thread is still waiting: two locks wait for each other"
    return outcomes


def winner_and_loser(outcomes: list[Outcome]) -> tuple[Outcome, Outcome]:
    """Exactly one of two won; the other was refused. Names any unexpected error (an IntegrityError is a defect)."""
    won = [outcome for outcome in outcomes if outcome.won]
    lost = [outcome for outcome in outcomes if not outcome.won]
    assert len(won) == 1 and len(lost) == 1, f"expected one winner, got {[o.error or o.value for o in outcomes]}"
    return won[0], lost[0]


def slowed(monkeypatch, owner, name: str, seconds: float = RACE_WINDOW) -> None:
    """Make ``owner.name`` wait before it runs: whoever gets there first holds its locks that much longer, so the
    other person's request really arrives in the middle (without the lock, both would be in there together)."""
    original = getattr(owner, name)

    @wraps(original)
    def waiting(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)
