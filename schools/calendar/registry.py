"""What follows a non-school day added after things were scheduled on it. The core never imports the apps that
schedule (activities): each registers a function from its ``AppConfig.ready()``, and the calendar's services call
every one in the transaction that adds the days, so a day and its consequences are saved together or not at all.
"""

import datetime
from collections.abc import Callable

# (school, days: {date: name}) -> a sentence for the person who added the days ("3 activity meetings cancelled."),
# or "" when nothing was scheduled on them.
Follower = Callable[..., str]

_FOLLOWERS: list[Follower] = []


def register_non_school_days_follower(fn: Follower) -> None:
    """Call ``fn(school=…, days={date: name})`` whenever non-school days are added (registering twice is harmless:
    ``ready()`` may run more than once in tests)."""
    if fn not in _FOLLOWERS:
        _FOLLOWERS.append(fn)


def non_school_days_added(*, school, days: dict[datetime.date, str]) -> list[str]:
    """Tell every registered app about ``days`` just added at ``school``; their sentences, the empty ones left out."""
    if not days:
        return []
    return [said for said in (fn(school=school, days=dict(days)) for fn in _FOLLOWERS) if said]
