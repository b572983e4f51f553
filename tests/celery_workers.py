"""Real Celery worker processes for the fault tests: started on a queue of their own, pointed at the test database.

Each worker consumes only its own queue (so it never takes another run's or another helper's tasks) and sees the
test's PostgreSQL database and MEDIA_ROOT; tests using it are transactional, so the worker sees their rows.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from .conftest import service_missing

PROJECT_DIR = Path(__file__).resolve().parents[1]


def require_postgresql_and_redis() -> None:
    """A worker is another process: it cannot share the in-memory SQLite test database, and needs Redis."""
    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL is not a PostgreSQL database: a worker process cannot see the test database")
    require_redis()


def require_redis() -> None:
    """A real worker needs the Redis broker of REDIS_URL: missing or silent, the test fails (or skips without
    REQUIRE_SERVICES)."""
    if not settings.REDIS_URL:
        service_missing("REDIS_URL is not set: no Redis broker for a Celery worker")
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        service_missing(f"Redis at REDIS_URL does not answer: {error}")
    finally:
        client.close()


def tests_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    def __init__(self, log_path: Path, *, queue: str | None = None, module: str | None = None, **extra_env: str):
        self.queue = queue or f"test-{uuid.uuid4().hex}"
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peerpartners.settings",
            "DEBUG": "0",
            "REDIS_URL": settings.REDIS_URL,
            "DATABASE_URL": tests_database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **extra_env,
        }
        # ``module``: a test module that patches something, then runs Celery's own command line.
        command = [
            sys.executable,
            "-m",
            module or "celery",
            "-A",
            "peerpartners",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            self.queue,
            "--hostname",
            f"{self.queue}@%h",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--loglevel=INFO",
        ]
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, result, timeout: float = 60):
        """The task's result; fails at once with the worker's log if the worker died instead."""
        deadline = time.monotonic() + timeout
        while not result.ready():
            if self.process.poll() is not None:
                pytest.fail(f"Celery worker exited with {self.process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"No result from the Celery worker after {timeout}s:\n{self.log()}")
            time.sleep(0.1)
        try:
            return result.get(timeout=5)
        finally:
            result.forget()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        forget_queue(self.queue)


def forget_queue(queue: str) -> None:
    """Drop this queue's keys from Redis, and the messages a killed worker left unacknowledged on it."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}", queue)
        for tag, message in client.hscan_iter("unacked"):
            if queue.encode() in message:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)
    finally:
        client.close()


def killed_at_stall(tmp_path: Path, *, stall_after: str, send) -> None:
    """Start a worker that stops for good right after ``stall_after`` (``module:function``) returns, hand it a task
    with ``send(queue)``, and kill it there with SIGKILL, as a lost host would: its transaction is rolled back."""
    marker = tmp_path / "stalled"
    stalled = Worker(
        tmp_path / "stalled-worker.log",
        module="tests.stalled_worker",
        STALL_AFTER=stall_after,
        STALL_MARKER=str(marker),
    )
    try:
        send(stalled.queue)
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert time.monotonic() < deadline, stalled.log()
            time.sleep(0.1)
        stalled.process.send_signal(signal.SIGKILL)
        stalled.process.wait(timeout=10)
    finally:
        stalled.stop()
