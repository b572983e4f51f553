#!/usr/bin/env python
"""Django's command-line utility for Peer Partners."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpartners.settings")
    # A checkout with neither SECRET_KEY nor DEBUG set is a developer's machine: run commands in development mode
    # (as `make run` does). Any deployment sets SECRET_KEY, so there DEBUG stays off; the web server (wsgi/asgi) and
    # Celery never take this default.
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
