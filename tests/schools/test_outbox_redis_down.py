"""Redis stopped: a parent's consent, a public application, an accept and a roster upload still succeed, and their
emails and job wait in the outbox; once Redis is back the dispatcher and a real worker send each email exactly once.

The test starts a Redis of its own (port 6391) and stops and restarts it, so the shared Redis of the machine and
the other tests never notice. The worker reads the rows the test wrote: the test needs PostgreSQL (a worker cannot
see an in-memory SQLite database).
"""

import datetime
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from peerpartners.celery import app as celery_app
from recruitment.models import GuardianConsent, PeerApplication
from schools.outbox import services
from schools.outbox.models import OutboxItem
from schools.rostering.models import RosterImport
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, east_applying, east_campaign
from tests.schools.factories import TermFactory
from tests.schools.rostering.testdata import template_csv

from ..conftest import service_missing

PROJECT_DIR = Path(__file__).resolve().parents[2]
PORT = 6391
URL = f"redis://127.0.0.1:{PORT}/0"

pytestmark = [pytest.mark.services, pytest.mark.real_celery, pytest.mark.django_db(transaction=True)]


class OwnRedis:
    """A redis-server child process on PORT: started, stopped and started again by the test only."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.process = None

    def start(self):
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        client = redis.Redis.from_url(URL, socket_connect_timeout=1)
        try:
            for _ in range(100):
                if self.process.poll() is not None:  # e.g. the port is taken: stopping "our" Redis would stop nothing
                    pytest.fail(f"redis-server on port {PORT} exited:\n{self.log_path.read_text()}")
                try:
                    client.ping()
                    return
                except redis.ConnectionError:
                    time.sleep(0.1)
            pytest.fail(f"redis-server on port {PORT} did not start:\n{self.log_path.read_text()}")
        finally:
            client.close()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def is_down(self) -> bool:
        client = redis.Redis.from_url(URL, socket_connect_timeout=1)
        try:
            client.ping()
        except redis.ConnectionError:
            return True
        finally:
            client.close()
        return False


@pytest.fixture
def own_redis(settings, tmp_path):
    """Our Redis, with this process's cache and Celery broker pointed at it (as REDIS_URL would)."""
    if not settings.REDIS_URL:
        service_missing("REDIS_URL is not set: the cache and the broker are not Redis")
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not installed: the test cannot start a Redis of its own")
    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL is not PostgreSQL: the worker cannot read an in-memory SQLite database")
    server = OwnRedis(tmp_path / "redis.log")
    server.start()
    # The project's own cache settings, on our Redis: what runs is what production runs.
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": URL}}
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = URL
    celery_app.conf.task_always_eager = False
    try:
        yield server
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
        server.stop()


@pytest.fixture
def start_worker(tmp_path, transactional_db):
    """Start a real worker on our Redis, reading the test's database; stopped before the database is emptied."""
    workers = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()

    def start():
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peerpartners.settings",
            "DEBUG": "0",
            "REDIS_URL": URL,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            # Four slashes: django-environ drops the first slash of the path, and the worker needs an absolute one.
            "EMAIL_URL": f"filemail:///{mail_dir}",
        }
        log_path = tmp_path / "worker.log"
        with log_path.open("wb") as log:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "peerpartners",
                    "worker",
                    "--pool=solo",
                    "--concurrency=1",
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        workers.append(worker)
        return worker, log_path

    yield start, mail_dir
    for worker in workers:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)


def wait_until_nothing_waits(worker, log_path, timeout=90):
    deadline = time.monotonic() + timeout
    pending = OutboxItem.Status.WAITING, OutboxItem.Status.SENDING
    while OutboxItem.objects.filter(status__in=pending).exists():
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited with {worker.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            rows = list(OutboxItem.objects.values("kind", "status", "last_error"))
            pytest.fail(f"Rows still waiting after {timeout}s: {rows}\n{log_path.read_text()}")
        time.sleep(0.3)


def delivered(mail_dir: Path) -> Counter:
    """How many times each address got a message, from the worker's file backend."""
    found = Counter()
    for path in mail_dir.iterdir():
        for line in path.read_text().splitlines():
            if line.startswith("To: "):
                found[line.removeprefix("To: ")] += 1
    return found


def test_with_redis_down_every_action_succeeds_and_each_email_goes_out_once_it_is_back(
    own_redis, start_worker, client, client_for, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    start, mail_dir = start_worker
    # What the four people act on.
    putnam = world.other_school
    campaign = CampaignFactory(
        program=ProgramFactory(school=putnam, name="Lunch Buddies"), term=TermFactory(school=putnam)
    )
    applying = east_applying(world)
    to_accept = east_campaign(world).application
    to_accept.email = "maya@student.example.org"
    to_accept.save()
    GuardianConsentFactory(
        application=to_accept,
        status=GuardianConsent.Status.CONSENTED,
        valid_until=datetime.date.today() + datetime.timedelta(days=200),
    )

    own_redis.stop()
    assert own_redis.is_down()

    # A public application (the rate limiter counts in Redis: it lets the visitor through).
    response = client.post(
        reverse("recruitment:apply", kwargs={"pk": campaign.pk}),
        {
            "first_name": "Ava",
            "last_name": "Johnson",
            "grade": "8",
            "homeroom_teacher": "Mr. Patel",
            "email": "ava@student.example.org",
            "interests": ["art"],
            "why_join": "I want to make new friends.",
            "heard_via": "posters",
            "guardian_name": "Grace Johnson",
            "guardian_email": "grace@family.example.org",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PeerApplication.objects.filter(campaign=campaign, first_name="Ava").exists()

    # A parent's consent.
    response = client.post(
        reverse("recruitment:consent", kwargs={"signed": applying.consent_link}),
        {"answer": "yes", "typed_name": "Pat Guardian"},
    )
    assert response.status_code == 200
    assert "Thank you for your consent" in response.content.decode()
    assert GuardianConsent.objects.get(pk=applying.consent.pk).status == GuardianConsent.Status.CONSENTED

    # A coordinator's accept, and a roster upload.
    coordinator = client_for("coordinator")
    response = coordinator.post(reverse("recruitment:application_decide", args=[to_accept.pk]), {"decision": "accept"})
    assert response.status_code == 302
    to_accept.refresh_from_db()
    assert to_accept.status == "accepted"
    response = coordinator.post(
        reverse("rostering:upload"),
        {"source": "template", "new_student_kind": "peer", "files": [template_csv("s1,Ana,Diaz,,2,,,,,,,,")]},
    )
    assert response.status_code == 302
    roster_import = RosterImport.objects.get(school=world.school)

    emails = list(OutboxItem.objects.filter(kind=OutboxItem.Kind.EMAIL))
    recipients = Counter(address for item in emails for address in item.to)
    assert {"ava@student.example.org", "grace@family.example.org", "maya@student.example.org"} <= set(recipients)
    assert OutboxItem.objects.filter(kind=OutboxItem.Kind.JOB, task_kwargs={"import_id": roster_import.pk}).exists()
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {OutboxItem.Status.WAITING}
    assert roster_import.status == RosterImport.Status.PENDING

    # Redis is back: the dispatcher hands the rows to a real worker.
    own_redis.start()
    worker, log_path = start()
    assert services.outbox_dispatch() == len(emails) + 1
    wait_until_nothing_waits(worker, log_path)

    assert set(OutboxItem.objects.values_list("status", flat=True)) == {OutboxItem.Status.SENT}
    assert delivered(mail_dir) == recipients  # every email once, none twice
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.READY

    # Running the dispatcher again sends nothing more.
    assert services.outbox_dispatch() == 0
    time.sleep(1)
    assert delivered(mail_dir) == recipients
