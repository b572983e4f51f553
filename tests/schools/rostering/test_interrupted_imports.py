"""A worker killed mid-check or mid-apply: the import resumes once its lease runs out, and is applied exactly once.

The first test kills a real worker process with SIGKILL inside the apply's transaction, then starts a new worker;
the others show the lease rules at the service level (tasks run in-process).
"""

import datetime
import signal
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpartners.celery import app as celery_app
from schools.models import AccessLogEntry, Guardian, SchoolClass, Student
from schools.rostering import services
from schools.rostering.models import RosterImport
from schools.rostering.tasks import roster_import_apply_task, roster_imports_resume_task

from ...celery_workers import Worker, require_postgresql_and_redis
from .testdata import oneroster_zip, small_set, template_csv, user_row

Status = RosterImport.Status
LEASE = 3  # seconds, in the test and in its workers: a dead worker's claim is taken over this soon

ROSTER = small_set(
    user_row("s1", "Ana", "Diaz", grades="3"),
    user_row("s2", "Ben", "Ito", grades="4"),
    user_row("s3", "Cleo", "Park", grades="4"),
    user_row("g1", "Tia", "Diaz", role="guardian", grades="", agents="s1", email="tia@example.org"),
    classes="c1,active,,Homeroom 3A,3,,HR-3A,homeroom,Room 12,sch-1,,,,\nc2,active,,Art,4,,ART,scheduled,,sch-1,,,,\n",
    enrollments=(
        "e1,active,,c1,sch-1,s1,student,,,\ne2,active,,c2,sch-1,s2,student,,,\ne3,active,,c2,sch-1,s3,student,,,\n"
    ),
)


def imported(school):
    """What the roster holds: students, guardians, classes and enrolments (class memberships)."""
    classes = SchoolClass.objects.filter(school=school)
    return {
        "students": Student.objects.filter(school=school, source_id__in=["s1", "s2", "s3"]).count(),
        "guardians": Guardian.objects.filter(student__school=school).count(),
        "classes": classes.count(),
        "enrolments": sum(school_class.students.count() for school_class in classes),
    }


EXPECTED = {"students": 3, "guardians": 1, "classes": 2, "enrolments": 3}


@pytest.fixture
def linked(world):
    world.school.source_id = "sch-1"
    world.school.save(update_fields=["source_id"])
    return world.school


@pytest.fixture
def lease(settings):
    settings.ROSTER_IMPORT_LEASE_SECONDS = LEASE
    return LEASE


def checked_import(world, upload, latest_import, files) -> RosterImport:
    """Upload and check in-process; then queue it as confirming does, without sending the task anywhere."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        upload([oneroster_zip(files)])
    finally:
        celery_app.conf.task_always_eager = previous
    roster_import = latest_import()
    assert roster_import.status == Status.READY, roster_import.report
    coordinator = world.user("coordinator")
    RosterImport.objects.filter(pk=roster_import.pk).update(status=Status.QUEUED, confirmed_by=coordinator)
    return roster_import


def wait_until(condition, *, timeout: float, what: str, worker=None):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout}s" + (f":\n{worker.log()}" if worker else ""))
        time.sleep(0.1)


@pytest.mark.services
@pytest.mark.real_celery
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_apply_is_resumed_by_a_new_worker_and_applied_once(
    world, linked, lease, upload, latest_import, client_for, tmp_path
):
    require_postgresql_and_redis()
    roster_import = checked_import(world, upload, latest_import, ROSTER)
    marker = tmp_path / "stalled"
    stalled = Worker(
        tmp_path / "stalled-worker.log",
        module="tests.stalled_worker",
        STALL_AFTER="schools.rostering.services:_log_change",
        STALL_MARKER=str(marker),
        ROSTER_IMPORT_LEASE_SECONDS=str(LEASE),
    )
    try:
        roster_import_apply_task.apply_async(kwargs={"import_id": roster_import.pk}, queue=stalled.queue)
        wait_until(marker.exists, timeout=60, what="the apply reaching its stall", worker=stalled)
        # Every row is written, none committed; the worker renews its claim while it works.
        assert imported(world.school)["students"] == 0
        first_claim = RosterImport.objects.get(pk=roster_import.pk).claimed_at
        wait_until(
            lambda: RosterImport.objects.get(pk=roster_import.pk).claimed_at > first_claim,
            timeout=LEASE * 2,
            what="the live worker renewing its claim",
            worker=stalled,
        )
        assert not RosterImport.objects.get(pk=roster_import.pk).is_interrupted

        stalled.process.send_signal(signal.SIGKILL)
        stalled.process.wait(timeout=10)
    finally:
        stalled.stop()

    # Its transaction died with it: nothing imported, and the page says so honestly once the lease runs out.
    wait_until(
        lambda: RosterImport.objects.get(pk=roster_import.pk).is_interrupted,
        timeout=LEASE * 3,
        what="the claim going stale",
    )
    assert imported(world.school) == {"students": 0, "guardians": 0, "classes": 0, "enrolments": 0}
    client = client_for("coordinator")
    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk}))
    assert "Interrupted, resuming" in page.content.decode()
    progress = client.get(reverse("rostering:import_progress", kwargs={"pk": roster_import.pk})).json()
    assert (progress["status_label"], progress["interrupted"], progress["running"]) == (
        "Interrupted, resuming",
        True,
        True,
    )

    fresh = Worker(tmp_path / "new-worker.log", ROSTER_IMPORT_LEASE_SECONDS=str(LEASE))
    try:
        # What Celery beat sends every minute.
        assert fresh.wait_for(roster_imports_resume_task.apply_async(queue=fresh.queue)) == 1
        roster_import.refresh_from_db()
        assert roster_import.status == Status.DONE, roster_import.report
        assert imported(world.school) == EXPECTED
        # The killed task's own message, handed on by Redis after its visibility timeout, finds the work done.
        fresh.wait_for(roster_import_apply_task.apply_async(kwargs={"import_id": roster_import.pk}, queue=fresh.queue))
        assert fresh.wait_for(roster_imports_resume_task.apply_async(queue=fresh.queue)) == 0
    finally:
        fresh.stop()
    assert imported(world.school) == EXPECTED
    assert AccessLogEntry.objects.filter(action="change", school=world.school).count() == 1
    page = client.get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk}))
    assert "Interrupted" not in page.content.decode()


def stale_claim(roster_import, status):
    stale = timezone.now() - datetime.timedelta(seconds=LEASE + 60)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=status, claimed_at=stale)


def test_resume_applies_an_abandoned_import_once(world, linked, lease, upload, latest_import):
    roster_import = checked_import(world, upload, latest_import, ROSTER)
    stale_claim(roster_import, Status.APPLYING)

    assert roster_imports_resume_task.delay().get() == 1
    assert roster_imports_resume_task.delay().get() == 0

    roster_import.refresh_from_db()
    assert roster_import.status == Status.DONE
    assert imported(world.school) == EXPECTED


def test_resume_checks_an_abandoned_check_again(world, upload, latest_import, lease):
    upload([template_csv("s1,Ana,Diaz,,2,,,,,,,,")], source="template")
    roster_import = latest_import()
    stale_claim(roster_import, Status.ANALYSING)

    assert services.roster_imports_resume() == 1

    roster_import.refresh_from_db()
    assert roster_import.status == Status.READY
    assert not Student.objects.filter(source_id="s1").exists()


def test_resume_leaves_a_live_workers_import_alone(world, linked, lease, upload, latest_import):
    roster_import = checked_import(world, upload, latest_import, ROSTER)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=Status.APPLYING, claimed_at=timezone.now())

    assert services.roster_imports_resume() == 0
    assert RosterImport.objects.get(pk=roster_import.pk).status == Status.APPLYING
    assert imported(world.school)["students"] == 0


def test_an_apply_whose_claim_was_taken_over_commits_nothing(world, linked, lease, upload, latest_import, monkeypatch):
    """A worker thought dead but only slow: another worker took its claim over, so its own apply rolls back."""
    roster_import = checked_import(world, upload, latest_import, ROSTER)
    written = services._log_change

    def taken_over_meanwhile(roster_import, plan):
        written(roster_import, plan)
        RosterImport.objects.filter(pk=roster_import.pk).update(claim_token=None)

    monkeypatch.setattr(services, "_log_change", taken_over_meanwhile)
    services.roster_import_apply(roster_import=roster_import)

    assert imported(world.school) == {"students": 0, "guardians": 0, "classes": 0, "enrolments": 0}
    assert not AccessLogEntry.objects.filter(action="change", school=world.school).exists()
    assert RosterImport.objects.get(pk=roster_import.pk).status == Status.APPLYING


def test_the_page_says_interrupted_resuming_only_when_the_claim_is_stale(
    world, linked, lease, upload, latest_import, client_for
):
    roster_import = checked_import(world, upload, latest_import, ROSTER)
    client = client_for("coordinator")
    detail = reverse("rostering:import_detail", kwargs={"pk": roster_import.pk})
    progress = reverse("rostering:import_progress", kwargs={"pk": roster_import.pk})

    RosterImport.objects.filter(pk=roster_import.pk).update(status=Status.APPLYING, claimed_at=timezone.now())
    assert "Interrupted" not in client.get(detail).content.decode()
    assert client.get(progress).json()["status_label"] == "Importing"

    stale_claim(roster_import, Status.APPLYING)
    page = client.get(detail).content.decode()
    assert "Interrupted, resuming" in page
    assert "starts again by itself" in page
    assert "Interrupted, resuming" in client.get(reverse("rostering:import_list")).content.decode()
    data = client.get(progress).json()
    assert (data["status_label"], data["interrupted"], data["percent"]) == ("Interrupted, resuming", True, 0)
