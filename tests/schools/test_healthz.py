"""``GET /healthz``: what the reverse proxy and docker-compose ask before they send traffic to a web process."""

import copy
import os

import pytest
from django.db import OperationalError, connections
from django.db.utils import load_backend

from ..conftest import service_missing

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS_URL = "redis://127.0.0.1:1/0"


def test_healthy_answers_200_to_anonymous_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["redis"] in ("ok", "not configured")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_redis_is_not_configured_in_the_embedded_shape(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["redis"] == "not configured"


def test_real_redis_is_ok(client, settings):
    if not os.environ.get("REDIS_URL"):
        service_missing("REDIS_URL is not set: no Redis to check")
    settings.REDIS_URL = os.environ["REDIS_URL"]

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_redis_down_answers_503(client, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS_URL

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "redis": "down"}
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def unreachable_default_database(tmp_path):
    """Swap this thread's ``default`` connection for a real one of the same engine that cannot connect."""
    original = connections["default"]
    settings_dict = copy.deepcopy(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-directory" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT="1")
        settings_dict["OPTIONS"] = {**settings_dict.get("OPTIONS", {}), "connect_timeout": 2}
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    with pytest.raises(OperationalError, match=r"unable to open database file|Connection refused"):
        broken.ensure_connection()
    connections["default"] = broken
    try:
        yield broken
    finally:
        connections["default"] = original
        broken.close()


def test_database_down_answers_503(client, settings, unreachable_default_database):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down", "redis": "not configured"}
    assert "no-store" in response["Cache-Control"]


def test_health_check_is_not_redirected_to_https(client, settings):
    # The proxy and compose probe the web container over plain HTTP; everything else is redirected.
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/accounts/login/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_only_get_is_allowed(client):
    assert client.post("/healthz").status_code == 405
