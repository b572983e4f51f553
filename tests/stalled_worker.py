"""``python -m tests.stalled_worker -A peerpartners worker …``: a Celery worker that stops for good right after one
function of the application returns, so a test can kill it (SIGKILL) at a known point of a task.

``STALL_AFTER`` names the function, ``module:name`` (e.g. ``schools.rostering.services:_log_change``, inside the
roster apply's transaction); ``STALL_MARKER`` names the file written when the worker reaches the stall. Only this
process is patched: the application has no hook for it.
"""

import importlib
import os
import sys
import time
from pathlib import Path

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpartners.settings")
    django.setup()
    from celery.__main__ import main

    module_name, name = os.environ["STALL_AFTER"].split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)

    def stall(*args, **kwargs):
        result = original(*args, **kwargs)
        Path(os.environ["STALL_MARKER"]).write_text(name)
        time.sleep(600)
        return result

    setattr(module, name, stall)
    sys.argv[0] = "celery"
    sys.exit(main())
