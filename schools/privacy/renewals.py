"""What the two consent renewals share: the window, counted at each school's own today, and claiming a row once.

There are two renewals because there are two consents (``docs/architecture.md``): a consent record the school entered
by hand (``schools.privacy.consent_renewal``: the guardians are asked to renew it with the school) and a guardian's
online consent to a peer's application (``recruitment.applying.renewal``: the guardian answers a signed link). Both
rows carry ``renewal_requested_at``; both are asked ``GUARDIAN_CONSENT_RENEWAL_DAYS`` before they end, once.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings

from ..dates import school_today


def window_last_day(day: datetime.date) -> datetime.date:
    """The latest end a candidate may have on the server's ``day``: the window plus one day, because a school's today
    may be a day behind or ahead of the server's. ``claim_due`` then checks each row at its own school."""
    return day + datetime.timedelta(days=settings.GUARDIAN_CONSENT_RENEWAL_DAYS + 1)


def claim_due(
    rows: Iterable,
    *,
    now: datetime.datetime,
    school: Callable,
    ends_on: Callable,
    ended_too: bool,
    fields: Callable = lambda row: {},
) -> Iterator:
    """Yield each of ``rows`` whose consent ends within ``GUARDIAN_CONSENT_RENEWAL_DAYS`` of today at its school
    (``school(row)``, ``ends_on(row)``; with ``ended_too`` also one that has already ended), once claimed.

    The claim is a conditional ``UPDATE … WHERE renewal_requested_at IS NULL`` that sets ``renewal_requested_at`` and
    ``fields(row)`` (copied onto the row), so a retried task or a second worker finds nothing left to send. Call it in
    the caller's transaction and queue the emails on commit.
    """
    window = datetime.timedelta(days=settings.GUARDIAN_CONSENT_RENEWAL_DAYS)
    for row in rows:
        today, end = school_today(school(row), now=now), ends_on(row)
        if end > today + window or (end < today and not ended_too):
            continue
        changes = {"renewal_requested_at": now, **fields(row)}
        if not type(row).objects.filter(pk=row.pk, renewal_requested_at=None).update(**changes):
            continue
        for name, value in changes.items():
            setattr(row, name, value)
        yield row
