"""Background email: through a real Celery worker over Redis, and in-process when no Redis is configured."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.db import OperationalError

from peerpartners.celery import app as celery_app
from schools.tasks import send_email

from ..celery_workers import require_redis

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def celery_worker_queue(mail_dir, tmp_path):
    """A real worker subprocess consuming only a queue of its own, so it never takes another run's tasks."""
    require_redis()
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peerpartners.settings",
        "DEBUG": "0",
        "REDIS_URL": settings.REDIS_URL,
        # Four slashes: django-environ drops the first slash of the path, and the worker needs an absolute one.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "peerpartners", "worker",
                "--pool=solo", "--concurrency=1", "-Q", queue, "--hostname", f"{queue}@%h",
                "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=INFO",
            ],
            cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        yield queue, worker, log_path
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)
        _forget_queue(queue)


def _forget_queue(queue):
    """Kombu keeps a queue's bindings in Redis after the queue is gone; drop this run's."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}", queue)
    finally:
        client.close()


def _wait_for(result, worker, log_path, timeout=60):
    """Wait for the task, but stop at once with the worker's log if the worker died instead."""
    deadline = time.monotonic() + timeout
    while not result.ready():
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited with {worker.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"No result from the Celery worker after {timeout}s:\n{log_path.read_text()}")
        time.sleep(0.2)
    return result.get(timeout=5)


@pytest.mark.services
@pytest.mark.real_celery
def test_worker_sends_the_email_through_redis(celery_worker_queue, mail_dir):
    queue, worker, log_path = celery_worker_queue
    assert not celery_app.conf.task_always_eager
    assert celery_app.conf.broker_url == settings.REDIS_URL
    assert celery_app.conf.result_backend == settings.REDIS_URL
    subject = f"Orientation reminder {uuid.uuid4().hex[:8]}"

    result = send_email.apply_async(
        kwargs={"subject": subject, "body": "See you Tuesday.", "to": ["peer@school.example.org"]}, queue=queue
    )
    try:
        sent = _wait_for(result, worker, log_path)
    finally:
        result.forget()

    assert sent == 1
    messages = [path.read_text() for path in mail_dir.iterdir()]
    assert len(messages) == 1
    assert f"Subject: {subject}" in messages[0]
    assert "To: peer@school.example.org" in messages[0]
    assert "See you Tuesday." in messages[0]


def test_tasks_acknowledge_late_and_requeue_when_the_worker_dies():
    assert send_email.acks_late is True
    assert send_email.reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
    assert celery_app.conf.accept_content == ["json"]


def test_tasks_retry_transient_errors_only():
    assert {ConnectionError, TimeoutError, OperationalError} <= set(send_email.autoretry_for)
    assert not {Exception, ValueError, TypeError} & set(send_email.autoretry_for)
    assert send_email.retry_backoff and send_email.retry_jitter
    assert send_email.max_retries == 5


def test_unreachable_mail_server_retries_the_task(settings):
    # Port 1 is closed: the SMTP connection is refused, a ConnectionError that should be retried, not dropped.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2

    with pytest.raises(Retry) as retry:
        send_email.apply(kwargs={"subject": "Hello", "body": "Hi", "to": ["peer@school.example.org"]})

    assert isinstance(retry.value.exc, ConnectionRefusedError)
    assert 0 <= retry.value.when <= send_email.retry_backoff


def test_a_bug_in_the_task_fails_without_retrying():
    with pytest.raises(TypeError, match="must be a list or tuple"):
        send_email.apply(kwargs={"subject": "Hello", "body": "Hi", "to": "peer@school.example.org"})


def test_password_reset_email_goes_through_the_task_after_commit(
    client, world, django_capture_on_commit_callbacks
):
    coordinator = world.user("coordinator")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/accounts/password-reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    # Nothing leaves before the request's transaction commits.
    assert mail.outbox == []
    assert len(callbacks) == 1

    callbacks[0]()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert message.subject == "Choose a new Peer Partners password"
    assert "http://testserver/accounts/reset/" in message.body
    assert f"Your username: {coordinator.username}" in message.body


def test_password_reset_for_an_unknown_email_sends_nothing(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/accounts/password-reset/", {"email": "nobody@school.example.org"})

    # Same answer as for a known address, so the form does not reveal who has an account.
    assert response.status_code == 302
    assert callbacks == []
    assert mail.outbox == []
