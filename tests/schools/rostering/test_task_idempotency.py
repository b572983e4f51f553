"""Tasks claim their import with a conditional UPDATE: delivered twice, they work once."""

import datetime

from django.conf import settings
from django.utils import timezone

from schools.models import AccessLogEntry, Student
from schools.rostering import services
from schools.rostering.models import RosterImport
from schools.rostering.tasks import roster_import_analyse_task, roster_import_apply_task

from .testdata import template_csv


def checked_import(upload, latest_import):
    upload([template_csv("s1,Ana,Diaz,,2,,,,,,,,", "s2,Ben,Ito,,3,,,,,,,,")], source="template")
    roster_import = latest_import()
    assert roster_import.status == RosterImport.Status.READY
    return roster_import


def test_the_check_task_run_again_does_nothing(world, upload, latest_import):
    roster_import = checked_import(upload, latest_import)
    report = roster_import.report
    roster_import_analyse_task.delay(import_id=roster_import.pk)
    roster_import.refresh_from_db()
    assert (roster_import.status, roster_import.report) == (RosterImport.Status.READY, report)


def test_the_apply_task_delivered_twice_imports_once(world, upload, latest_import, confirm):
    roster_import = checked_import(upload, latest_import)
    confirm(roster_import)
    finished_at = roster_import.finished_at
    assert roster_import.status == RosterImport.Status.DONE
    roster_import_apply_task.delay(import_id=roster_import.pk)
    roster_import_apply_task.delay(import_id=roster_import.pk)
    roster_import.refresh_from_db()
    assert roster_import.finished_at == finished_at
    assert Student.objects.filter(source_id__in=["s1", "s2"]).count() == 2
    assert AccessLogEntry.objects.filter(action="change").count() == 1


def test_a_claim_held_by_a_running_worker_is_respected(world, upload, latest_import):
    roster_import = checked_import(upload, latest_import)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.APPLYING,
                                                            claimed_at=timezone.now())
    services.roster_import_apply(roster_import=roster_import)
    assert roster_import.status == RosterImport.Status.APPLYING
    assert not Student.objects.filter(source_id="s1").exists()


def test_a_claim_left_by_a_dead_worker_is_taken_over(world, upload, latest_import):
    roster_import = checked_import(upload, latest_import)
    stale = timezone.now() - datetime.timedelta(seconds=settings.ROSTER_IMPORT_LEASE_SECONDS + 60)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.APPLYING, claimed_at=stale)
    services.roster_import_apply(roster_import=roster_import)
    assert roster_import.status == RosterImport.Status.DONE
    assert Student.objects.filter(source_id="s1").exists()


def test_a_task_for_a_deleted_import_does_nothing(world, upload, latest_import):
    """A confirmed import deleted before a worker took it (its school removed, say): both tasks find no row and
    import nothing, log nothing and raise nothing, so the broker does not retry them for ever."""
    roster_import = checked_import(upload, latest_import)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.QUEUED)
    import_id = roster_import.pk
    roster_import.delete()
    logged = AccessLogEntry.objects.count()
    roster_import_analyse_task.delay(import_id=import_id)
    roster_import_apply_task.delay(import_id=import_id)
    assert not RosterImport.objects.filter(pk=import_id).exists()
    assert not Student.objects.filter(source_id__in=["s1", "s2"]).exists()
    assert AccessLogEntry.objects.count() == logged
