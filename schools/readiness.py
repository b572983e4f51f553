"""The parts ``/healthz/ready`` reports: each app registers a check of the part it owns, the page runs them all.

A check is a function without arguments answering a ``Part``: ``ok``, ``down`` (the page then answers 503) or
``not used`` (the part is not part of this deployment, e.g. Redis and the worker in the embedded default). Its
``detail`` is a few plain words for whoever runs the server ("last heartbeat 4 min ago"): the page is open to anyone,
so a detail never holds a secret, a host name, an address or anything about a person.

The database, Redis and the worker are registered by ``SchoolsConfig.ready()``; an app adds its own part from its
``AppConfig.ready()`` with ``register_readiness_check(name, check)``, as with dashboard panels.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import redis
from celery import current_app
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections
from django.utils import timezone

from .models import WorkerHeartbeat
from .outbox.selectors import oldest_waiting

logger = logging.getLogger(__name__)

OK, DOWN, NOT_USED = "ok", "down", "not used"


@dataclass(frozen=True)
class Part:
    state: str
    detail: str = ""

    def as_json(self) -> dict:
        return {"state": self.state, "detail": self.detail}


READINESS_CHECKS: dict[str, Callable[[], Part]] = {}


def register_readiness_check(name: str, check: Callable[[], Part]) -> None:
    """Add a part to the readiness page. A name registered twice stops the start-up, naming it."""
    if name in READINESS_CHECKS:
        raise ImproperlyConfigured(f"The readiness check {name!r} is registered twice.")
    READINESS_CHECKS[name] = check


def readiness() -> tuple[bool, dict[str, dict]]:
    """Run every check: (all parts usable, each part's state and detail). A check that raises is that part down."""
    parts = {}
    for name, check in READINESS_CHECKS.items():
        try:
            part = check()
        except Exception as error:
            # A check must answer, never break the page: the log keeps the reason, the page only the error's kind.
            logger.warning("Readiness check %s failed", name, exc_info=True)
            part = Part(DOWN, f"the check failed ({type(error).__name__})")
        parts[name] = part.as_json()
    return all(part["state"] != DOWN for part in parts.values()), parts


# --- The core's checks -----------------------------------------------------------------------------------------------


def database_check() -> Part:
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Part(DOWN, f"no answer ({type(error).__name__})")
    return Part(OK, f"answered in {round(1000 * (time.monotonic() - started))} ms")


def redis_check() -> Part:
    if not settings.REDIS_URL:
        return Part(NOT_USED, "no REDIS_URL: tasks run in the web process, the cache is in memory")
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        return Part(DOWN, f"no answer ({type(error).__name__})")
    finally:
        client.close()
    return Part(OK, "answered")


def worker_check() -> Part:
    """The newest heartbeat of any worker (``schools.tasks.worker_heartbeat``, run by Celery beat)."""
    if current_app.conf.task_always_eager:
        return Part(NOT_USED, "tasks run in the web process: no worker needed")
    latest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if latest is None:
        return Part(DOWN, "no heartbeat yet: is a worker and Celery beat running?")
    age = timezone.now() - latest
    seconds = max(0, round(age.total_seconds()))
    if age > timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE):
        return Part(DOWN, f"last heartbeat {seconds} s ago (more than {settings.WORKER_HEARTBEAT_MAX_AGE} s)")
    return Part(OK, f"last heartbeat {seconds} s ago")


def outbox_check() -> Part:
    """The oldest email or job still waiting in the outbox: older than ``OUTBOX_MAX_WAIT_SECONDS`` means the broker
    or the worker is not taking rows (or a mail server keeps refusing them), so something people expect is late."""
    oldest = oldest_waiting()
    if oldest is None:
        return Part(OK, "nothing waiting")
    seconds = max(0, round((timezone.now() - oldest).total_seconds()))
    if seconds > settings.OUTBOX_MAX_WAIT_SECONDS:
        return Part(DOWN, f"the oldest waiting row is {seconds} s old (more than {settings.OUTBOX_MAX_WAIT_SECONDS} s)")
    return Part(OK, f"the oldest waiting row is {seconds} s old")


def register() -> None:
    register_readiness_check("database", database_check)
    register_readiness_check("redis", redis_check)
    register_readiness_check("worker", worker_check)
    register_readiness_check("outbox", outbox_check)
