"""``GET /healthz/ready``: the load balancer's readiness page. Each part ok, down or not used; 503 naming the part down.

Redis is broken for real: the test starts a Redis server of its own on another port (never the shared one), points
the settings at it, and stops it.
"""

import datetime
import shutil
import subprocess
import time

import pytest
import redis
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from peerpartners.celery import app as celery_app
from schools import readiness
from schools.models import WorkerHeartbeat
from schools.outbox.models import OutboxItem
from schools.tasks import worker_heartbeat

from ..conftest import service_missing
from .factories import OutboxItemFactory
from .test_healthz import unreachable_default_database  # noqa: F401 - a fixture, used by name below

pytestmark = pytest.mark.django_db

OWN_REDIS_PORT = 6392
OWN_REDIS_URL = f"redis://127.0.0.1:{OWN_REDIS_PORT}/0"


@pytest.fixture
def own_redis():
    """A Redis server of this test's own on port 6392; yields a function that stops it. Always stopped at the end."""
    binary = shutil.which("redis-server")
    if binary is None:
        service_missing("redis-server is not installed: cannot start a Redis of the test's own")
    server = subprocess.Popen(
        [binary, "--port", str(OWN_REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis.from_url(OWN_REDIS_URL, socket_connect_timeout=1)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.RedisError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                service_missing(f"could not start redis-server on port {OWN_REDIS_PORT}")
            time.sleep(0.1)
    client.close()
    if server.poll() is not None:
        # It answered, but not ours: another Redis holds the port, and stopping ours would prove nothing.
        pytest.fail(f"port {OWN_REDIS_PORT} is taken by another Redis; the test needs it for its own", pytrace=False)

    def stop():
        server.terminate()
        server.wait(timeout=10)

    try:
        yield stop
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture
def with_worker():
    """As in production: tasks go to a worker, so the page asks for its heartbeat (tests otherwise run them eagerly)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def heartbeat(age: datetime.timedelta):
    WorkerHeartbeat.objects.update_or_create(hostname="celery@worker-1", defaults={"beat_at": timezone.now() - age})


def test_the_embedded_default_is_ready_without_redis_or_worker(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["down"] == []
    assert body["parts"]["database"]["state"] == "ok"
    assert body["parts"]["redis"]["state"] == "not used"
    assert body["parts"]["worker"] == {"state": "not used", "detail": "tasks run in the web process: no worker needed"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.services
def test_redis_stopped_answers_503_naming_redis(client, settings, own_redis, with_worker):
    settings.REDIS_URL = OWN_REDIS_URL
    heartbeat(datetime.timedelta(seconds=5))

    running = client.get("/healthz/ready")
    assert running.status_code == 200
    assert running.json()["parts"]["redis"] == {"state": "ok", "detail": "answered"}

    own_redis()
    stopped = client.get("/healthz/ready")

    assert stopped.status_code == 503
    body = stopped.json()
    assert body["status"] == "unavailable"
    assert body["down"] == ["redis"]
    assert body["parts"]["redis"]["state"] == "down"
    assert body["parts"]["database"]["state"] == "ok"
    assert body["parts"]["worker"]["state"] == "ok"


def test_the_database_unreachable_answers_503_naming_it(client, settings, unreachable_default_database):  # noqa: F811
    settings.REDIS_URL = ""

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    # The outbox is a table of that database: it cannot be read either, and says so.
    assert response.json()["down"] == ["database", "outbox"]


def test_a_fresh_heartbeat_is_ready(client, settings, with_worker):
    settings.REDIS_URL = ""
    heartbeat(datetime.timedelta(seconds=20))

    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.json()["parts"]["worker"] == {"state": "ok", "detail": "last heartbeat 20 s ago"}


def test_a_stale_heartbeat_answers_503_naming_the_worker(client, settings, with_worker):
    settings.REDIS_URL = ""
    settings.WORKER_HEARTBEAT_MAX_AGE = 180
    heartbeat(datetime.timedelta(minutes=10))

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["worker"]
    assert body["parts"]["worker"] == {"state": "down", "detail": "last heartbeat 600 s ago (more than 180 s)"}
    # The page is open to anyone: it never names the worker's host.
    assert "worker-1" not in response.content.decode()


def test_no_heartbeat_at_all_answers_503(client, settings, with_worker):
    settings.REDIS_URL = ""

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.json()["parts"]["worker"]["detail"] == "no heartbeat yet: is a worker and Celery beat running?"


def test_the_heartbeat_task_records_its_worker(client, settings, with_worker):
    settings.REDIS_URL = ""
    heartbeat(datetime.timedelta(hours=1))

    worker_heartbeat.apply()

    assert client.get("/healthz/ready").status_code == 200
    assert WorkerHeartbeat.objects.count() == 2
    assert "worker_heartbeat" in {entry["task"].rsplit(".", 1)[-1] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def test_a_registered_check_is_reported_and_a_failing_one_is_down(client, settings, monkeypatch):
    settings.REDIS_URL = ""
    monkeypatch.setitem(readiness.READINESS_CHECKS, "outbox", lambda: readiness.Part("ok", "oldest waiting row 3 s"))
    monkeypatch.setitem(readiness.READINESS_CHECKS, "broken", lambda: 1 / 0)

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["parts"]["outbox"] == {"state": "ok", "detail": "oldest waiting row 3 s"}
    # The error's kind only: its message could hold anything.
    assert body["parts"]["broken"] == {"state": "down", "detail": "the check failed (ZeroDivisionError)"}
    assert body["down"] == ["broken"]


def test_a_check_registered_twice_stops_the_start_up():
    with pytest.raises(ImproperlyConfigured, match="'database' is registered twice"):
        readiness.register_readiness_check("database", readiness.database_check)


def test_no_secret_of_the_redis_url_is_shown(client, settings):
    settings.REDIS_URL = "redis://:s3cret-password@127.0.0.1:1/0"

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.json()["down"] == ["redis"]
    assert "s3cret" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_only_get_is_allowed_and_https_is_not_forced(client, settings):
    settings.REDIS_URL = ""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/ready").status_code == 200
    assert client.post("/healthz/ready").status_code == 405


def test_the_outbox_is_down_when_its_oldest_waiting_row_is_too_old(client, settings):
    settings.REDIS_URL = ""
    settings.OUTBOX_MAX_WAIT_SECONDS = 900
    assert client.get("/healthz/ready").json()["parts"]["outbox"] == {"state": "ok", "detail": "nothing waiting"}

    fresh = OutboxItemFactory(status="waiting", attempts=0, last_error="")
    OutboxItem.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - datetime.timedelta(seconds=60))
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["parts"]["outbox"]["state"] == "ok"

    OutboxItem.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=20))
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["down"] == ["outbox"]
    assert "more than 900 s" in response.json()["parts"]["outbox"]["detail"]

    # A failed row waits for a person (the administrator's page), not for the machine: it does not hold readiness.
    OutboxItem.objects.filter(pk=fresh.pk).update(status="failed")
    assert client.get("/healthz/ready").status_code == 200
