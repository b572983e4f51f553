"""How far a running import has come, for the progress bar.

Checking a file writes its progress to the import row. Applying runs inside one transaction, whose writes nobody
else sees before it commits, so progress then goes to the cache (Redis in production, shared by web and worker).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from .models import RosterImport

# Write progress at most this many times per phase: often enough for a smooth bar, rarely enough to cost nothing.
STEPS = 50


def _key(roster_import: RosterImport) -> str:
    # The upload time keeps the key apart from an import that had the same id in a database since reset.
    stamp = int(roster_import.created_at.timestamp() * 1000)
    return f"roster-import:{roster_import.pk}:{stamp}:{roster_import.status}:progress"


class Progress:
    def __init__(self, roster_import: RosterImport):
        self.roster_import = roster_import
        self.total = 0
        self.done = 0
        self._every = 1

    def start(self, total: int) -> None:
        self.total = total
        self.done = 0
        self._every = max(1, total // STEPS)
        self._write()

    def advance(self, count: int = 1) -> None:
        before = self.done
        self.done += count
        if self.done // self._every != before // self._every or self.done == self.total:
            self._write()

    def _write(self) -> None:
        cache.set(_key(self.roster_import), (self.done, self.total), timeout=60 * 60)
        if not transaction.get_connection().in_atomic_block:
            RosterImport.objects.filter(pk=self.roster_import.pk).update(
                processed_rows=self.done, total_rows=self.total
            )


def snapshot(roster_import: RosterImport) -> dict:
    """What the progress endpoint answers: the status and, while work runs, how many rows are done."""
    done, total = roster_import.processed_rows, roster_import.total_rows
    if roster_import.is_running:
        done, total = cache.get(_key(roster_import), (done, total))
    percent = 100 if not roster_import.is_running else (round(100 * done / total) if total else 0)
    # A worker that died mid-way: its work was rolled back and starts again, so the bar starts again too.
    interrupted = roster_import.is_interrupted
    if interrupted:
        done, percent = 0, 0
    return {
        "status": roster_import.status,
        "status_label": str(_("Interrupted, resuming") if interrupted else roster_import.get_status_display()),
        "interrupted": interrupted,
        "running": roster_import.is_running,
        "processed": done,
        "total": total,
        "percent": min(percent, 100),
    }
