"""A double tap or two tabs: two first saves of this week's journal at the same moment make one entry (the peer's
row is locked, so the second waits and edits what the first made). On the real PostgreSQL."""

import pytest

from activities.journals import services
from activities.models import JournalEntry
from tests.activities.journals.factories import east_journals
from tests.concurrency import at_once, require_postgresql, slowed

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_first_saves_at_once_make_one_entry(world, monkeypatch):
    require_postgresql()
    journals = east_journals(world)
    # The first takes a moment between looking for the entry and saving it: without the lock the second would find
    # no entry meanwhile and both would insert (the one-entry-a-week constraint would answer the second with an error).
    slowed(monkeypatch, services, "_check_length")

    def save(text):
        return lambda: services.journal_entry_save(
            program=journals.program,
            peer=world.peer_student,
            week=journals.this_week,
            prompt=None,
            text=text,
            worry_flagged=False,
        )

    outcomes = at_once(save("First tab."), save("Second tab."))

    assert all(outcome.won for outcome in outcomes), [o.error for o in outcomes]
    entries = JournalEntry.objects.filter(program=journals.program, peer=world.peer_student, week=journals.this_week)
    assert entries.count() == 1
    assert entries.get().text in ("First tab.", "Second tab.")
