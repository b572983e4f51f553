"""``python -m tests.schools.rostering.stalled_worker -A peerpartners worker …``: a Celery worker whose roster apply
stops inside its transaction, after writing every row, so a test can kill it there (SIGKILL) for certain.

Only this test process is patched; the application has no hook for it. ``STALL_MARKER`` names the file written
when the apply reaches the stall.
"""

import os
import sys
import time
from pathlib import Path

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpartners.settings")
    django.setup()
    from celery.__main__ import main

    from schools.rostering import services

    written = services._log_change

    def stall(roster_import, plan):
        written(roster_import, plan)
        Path(os.environ["STALL_MARKER"]).write_text(str(roster_import.pk))
        time.sleep(600)

    services._log_change = stall
    sys.argv[0] = "celery"
    sys.exit(main())
