"""PostgreSQL's connections terminated under a running app (as a PostgreSQL restart does): the next request and
the next task succeed, without restarting the web process or the worker.

Web processes keep a connection for CONN_MAX_AGE seconds and test it before reusing it (CONN_HEALTH_CHECKS); without
the health check, the first query after a restart fails on the dead connection. The connections are ended with
``pg_terminate_backend`` from a second connection, never by stopping the shared server.
"""

import datetime
import time
import uuid

import pytest
from django.db import close_old_connections, connection, connections
from django.utils import timezone

from schools.models import WorkerHeartbeat
from schools.rostering import services
from schools.rostering.models import RosterImport
from schools.tasks import worker_heartbeat
from tests.schools.factories import RosterImportFactory

from ..celery_workers import Worker, require_postgresql_and_redis
from ..conftest import service_missing

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL is not a PostgreSQL database: no connections to terminate")


def terminate(*, keep_own: bool = False) -> int:
    """End the connections to the test database from a second connection (as a PostgreSQL restart would), the test
    thread's own too unless ``keep_own``; the number ended."""
    second = connections.create_connection("default")
    try:
        with second.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            spared = [cursor.fetchone()[0]]
            if keep_own:
                spared.append(connection.connection.info.backend_pid if connection.connection else 0)
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND NOT pid = ANY(%s)",
                [spared],
            )
            return cursor.fetchone()[0]
    finally:
        second.close()


def test_postgresql_connections_are_kept_and_health_checked(postgresql):
    assert connection.settings_dict["CONN_MAX_AGE"] == 60
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_the_next_request_after_the_connections_were_terminated_succeeds(postgresql, client, settings):
    settings.REDIS_URL = ""
    # The test client keeps Django's request_started handler off (it would close the test's connection); in
    # production it runs before every request: call it as it would be called.
    close_old_connections()
    assert client.get("/healthz").status_code == 200
    kept = connection.connection.info.backend_pid

    assert terminate() >= 1

    close_old_connections()
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["database"] == "ok"
    assert connection.connection.info.backend_pid != kept


@pytest.mark.real_celery
def test_the_next_task_after_the_connections_were_terminated_succeeds(postgresql, tmp_path):
    require_postgresql_and_redis()
    worker = Worker(tmp_path / "worker.log")
    try:
        worker.wait_for(worker_heartbeat.apply_async(queue=worker.queue))
        first = WorkerHeartbeat.objects.get(hostname__startswith=worker.queue).beat_at

        # Celery closes a task's connection when it ends, so the worker holds none between tasks to lose.
        terminate(keep_own=True)

        # At once, not after a retry.
        worker.wait_for(worker_heartbeat.apply_async(queue=worker.queue), timeout=4)
        assert WorkerHeartbeat.objects.get(hostname__startswith=worker.queue).beat_at > first
        assert "Retry in" not in worker.log()
        assert "OperationalError" not in worker.log()
    finally:
        worker.stop()


def test_a_long_import_keeps_renewing_its_claim_across_terminated_connections(postgresql, settings, world):
    """The lease renewer holds its own connection for the whole import: a terminated one is replaced, so a live
    worker's claim is not taken for a dead one's after a PostgreSQL restart."""
    settings.ROSTER_IMPORT_LEASE_SECONDS = 1
    token = uuid.uuid4()
    claimed = timezone.now() - datetime.timedelta(seconds=30)
    roster_import = RosterImportFactory(
        school=world.school, status=RosterImport.Status.APPLYING, claimed_at=claimed, claim_token=token
    )

    def renewed_after(moment) -> bool:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if RosterImport.objects.get(pk=roster_import.pk).claimed_at > moment:
                return True
            time.sleep(0.1)
        return False

    with services._renewing(roster_import, token):
        assert renewed_after(claimed)
        assert terminate(keep_own=True) >= 1
        assert renewed_after(timezone.now())
