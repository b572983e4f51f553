"""``GET /healthz``: is the database reachable, and Redis when it is configured? 200 if so, 503 if not.

A cheap liveness answer for docker-compose's health check and the proxy. ``GET /healthz/ready`` is the readiness
page: every part an app registered (``schools.readiness``), the worker's heartbeat and the waiting work included.
"""

import redis
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from schools.readiness import readiness


def _database_state() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def _redis_state() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    finally:
        client.close()
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_state(), "redis": _redis_state()}
    healthy = all(state in ("ok", "not configured") for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@never_cache
@require_GET
def healthz_ready(request):
    """Each part ok, down or not used, with a short reason; 503 naming the parts down when any is."""
    ready, parts = readiness()
    down = [name for name, part in parts.items() if part["state"] == "down"]
    body = {"status": "ok" if ready else "unavailable", "down": down, "parts": parts}
    return JsonResponse(body, status=200 if ready else 503)
