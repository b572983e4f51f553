"""Roster import and export workflows: upload → check (preview) → confirm → apply; and export.

Checking and applying run in Celery tasks (``tasks.py``) and claim their import row with a conditional UPDATE,
so a task delivered twice, or a second worker, does nothing. Applying is one transaction: any error and nothing
is imported.

A claim is a lease: the worker renews it while it works (``_renewing``), so a worker killed mid-check or mid-apply
(SIGKILL, a lost host) leaves a claim nobody renews. Its transaction died with it, so nothing was imported; once the
lease (``ROSTER_IMPORT_LEASE_SECONDS``) has run out, ``roster_imports_resume`` (Celery beat, every minute) checks
or applies the import again from its stored file, and the page says "Interrupted, resuming" meanwhile. Each claim
has a token, and an apply commits only while its token still holds the claim, so the import is applied once even if
a worker thought dead was only slow.
"""

from __future__ import annotations

import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
    transaction,
)
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import AccessLogEntry, School, SchoolClass
from ..outbox.services import outbox_job
from ..services import record_access
from . import oneroster, planning, selectors, template
from .files import UploadProblem, zip_csv_members
from .models import RosterImport
from .progress import Progress
from .records import REPORT_LIST_LIMIT, ParsedRoster, Report, Source

logger = logging.getLogger(__name__)

Status = RosterImport.Status
BATCH_SIZE = 500

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", template.write_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.write_xlsx),
}


def roster_import_start(
    *, school: School, uploaded_by, file_format: str, name: str, data: bytes, new_student_kind: str
) -> RosterImport:
    """Store an upload (checked by the upload form) under a random name and queue its check in the outbox."""
    extension = "zip" if file_format == RosterImport.Format.ONEROSTER else file_format
    roster_import = RosterImport(
        school=school,
        uploaded_by=uploaded_by,
        original_name=name[:255],
        file_format=file_format,
        new_student_kind=new_student_kind,
    )
    roster_import.file.save(f"upload.{extension}", ContentFile(data), save=False)
    roster_import.full_clean()
    with transaction.atomic():
        roster_import.save()
        _queue(ANALYSE_TASK, roster_import)
    return roster_import


def roster_import_analyse(*, roster_import: RosterImport) -> RosterImport:
    """Check the stored file and write the preview: counts, changes, skipped rows, errors. Writes no roster data."""
    token = _claim(roster_import, waiting=Status.PENDING, working=Status.ANALYSING)
    if token is None:
        return roster_import
    with (
        _renewing(roster_import, token),
        _failing_safely(roster_import, release_to=Status.PENDING),
        translation.override(_language(roster_import)),
    ):
        report = Report()
        parsed, plan = _read_and_plan(roster_import, report, Progress(roster_import))
        if report.has_errors:
            roster_import.status = Status.FAILED
        elif parsed.needs_org:
            roster_import.status = Status.NEEDS_ORG
        else:
            roster_import.status = Status.READY
        _finish(roster_import, parsed, plan, report, done=roster_import.status == Status.FAILED)
    return roster_import


def roster_import_choose_org(*, roster_import: RosterImport, org_source_id: str) -> RosterImport:
    """Use this org of the file for the school (remembered when the import is applied) and check the file again."""
    with transaction.atomic():
        chosen = RosterImport.objects.filter(pk=roster_import.pk, status=Status.NEEDS_ORG).update(
            org_source_id=org_source_id, status=Status.PENDING, claimed_at=None
        )
        if chosen:
            _queue(ANALYSE_TASK, roster_import)
    roster_import.refresh_from_db()
    return roster_import


def roster_import_confirm(*, roster_import: RosterImport, confirmed_by, confirmed_removals: str = "") -> bool:
    """Queue a checked import for applying. False when it was not ready (already confirmed, failed, cancelled).

    A preview that takes away most of the school's enrolments or students (``planning.Removals``) is applied only
    when ``confirmed_removals`` names its numbers (the token the confirm form's box carries); otherwise a
    ``ValidationError`` says so and nothing is queued. Refused too while another import of the school waits to be
    applied or is being applied: its preview was checked against the roster as it was before that one.
    """
    removals = roster_import.report.get("removals") or {}
    if (
        roster_import.status == Status.READY
        and removals.get("needs_confirmation")
        and confirmed_removals != removals.get("token")
    ):
        raise ValidationError(
            _("This file takes away most of the school's class enrolments or students. Tick the box that names the "
              "numbers to import it anyway, or cancel and export the roster again.")
        )
    with transaction.atomic():
        _lock_school_imports(roster_import)
        other = (
            RosterImport.objects.filter(school_id=roster_import.school_id, status__in=(Status.QUEUED, Status.APPLYING))
            .exclude(pk=roster_import.pk)
            .first()
        )
        if other is not None:
            raise ValidationError(
                _("Another roster import of this school (%(file)s) is being imported right now. Wait until it has "
                  "finished, then upload this file again so that it is checked against the new roster.")
                % {"file": other.original_name}
            )
        confirmed = RosterImport.objects.filter(pk=roster_import.pk, status=Status.READY).update(
            status=Status.QUEUED, confirmed_by=confirmed_by, claimed_at=None, processed_rows=0
        )
        if confirmed:
            _queue(APPLY_TASK, roster_import)
    roster_import.refresh_from_db()
    return bool(confirmed)


# The tasks by name: tasks.py imports this module, and the outbox hands them to the worker after commit.
ANALYSE_TASK = "schools.rostering.tasks.roster_import_analyse_task"
APPLY_TASK = "schools.rostering.tasks.roster_import_apply_task"


def _queue(task_name: str, roster_import: RosterImport) -> None:
    outbox_job(task_name, school=roster_import.school, import_id=roster_import.pk)


def roster_import_cancel(*, roster_import: RosterImport) -> bool:
    """Drop an import that was not applied. False when it is running or finished."""
    cancelled = RosterImport.objects.filter(
        pk=roster_import.pk, status__in=(Status.NEEDS_ORG, Status.READY, Status.FAILED)
    ).update(status=Status.CANCELLED, finished_at=timezone.now())
    roster_import.refresh_from_db()
    return bool(cancelled)


class _NothingImported(Exception):
    """Rolls the import's transaction back when the file no longer passes its check."""


class _ClaimLost(Exception):
    """Rolls the import's transaction back: another worker took the claim over (this one was thought dead)."""


def roster_import_apply(*, roster_import: RosterImport) -> RosterImport:
    """Apply a confirmed import, all of it or nothing: one transaction, checked again inside it.

    Creates and updates students, guardians and classes, deactivates students marked to be deleted, links the
    school to its OneRoster org on the first import, and writes one access-log row.
    """
    token = _claim(roster_import, waiting=Status.QUEUED, working=Status.APPLYING)
    if token is None:
        return roster_import
    with (
        _renewing(roster_import, token),
        _failing_safely(roster_import, release_to=Status.QUEUED),
        translation.override(_language(roster_import)),
    ):
        report = Report()
        try:
            previewed = roster_import.report.get("removals") or {}
            with transaction.atomic():
                _lock_school_imports(roster_import)
                parsed, plan = _read_and_plan(roster_import, report, Progress(roster_import))
                if report.has_errors or plan is None:
                    raise _NothingImported
                removals = plan.removals
                if removals.needs_confirmation and (
                    not previewed.get("needs_confirmation") or previewed.get("token") != removals.token
                ):
                    # The roster changed between the preview and now: what was confirmed is not what would happen.
                    report.error(
                        Source(roster_import.original_name),
                        _("The roster changed since the preview: this file would now take away %(enrolments)s of "
                          "%(total)s class enrolments and deactivate %(students)s students, which nobody confirmed. "
                          "Nothing was imported; upload the file again to see the new preview.")
                        % {"enrolments": removals.enrolments_removed, "total": removals.enrolments_total,
                           "students": removals.students_deactivated},
                    )
                    raise _NothingImported
                _carry_out(plan, Progress(roster_import))
                _log_change(roster_import, plan)
                _hold_claim(roster_import, token)
                roster_import.status = Status.DONE
                _finish(roster_import, parsed, plan, report, done=True)
        except _ClaimLost:
            logger.warning("Roster import %s: another worker took the claim over; this apply is rolled back",
                           roster_import.pk)
            roster_import.refresh_from_db()
        except _NothingImported:
            roster_import.status = Status.FAILED
            _finish(roster_import, parsed, None, report, done=True)
        except IntegrityError:
            logger.warning("Roster import %s collided with another change", roster_import.pk, exc_info=True)
            report.error(
                Source(roster_import.original_name),
                _("Someone changed the roster while this import ran, and the two changes collided. Nothing was "
                  "imported; upload the file again."),
            )
            roster_import.status = Status.FAILED
            _finish(roster_import, parsed, None, report, done=True)
    return roster_import


def roster_export(*, access, request, file_format: str) -> tuple[str, str, bytes]:
    """The active school's roster as the template (file name, content type, bytes), and one access-log row.

    Exports hold dates of birth and guardian contacts, so each one is logged like a view of a sensitive record.
    """
    content_type, write = EXPORT_FORMATS[file_format]
    rows = [template.student_row(student) for student in selectors.roster_export_students(access=access)]
    content = write(rows)
    school = access.school
    record_access(
        user=access.user,
        school=school,
        request=request,
        action=AccessLogEntry.Action.EXPORT,
        what=_("Roster export (%(format)s): %(count)s students") % {"format": file_format.upper(), "count": len(rows)},
    )
    filename = f"roster-{school.slug}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    return filename, content_type, content


def roster_template(*, file_format: str) -> tuple[str, str, bytes]:
    """The blank template: the header row only (and, in Excel, a sheet that explains the columns)."""
    content_type, write = EXPORT_FORMATS[file_format]
    return f"roster-template.{file_format}", content_type, write([])


# --- Steps ---------------------------------------------------------------------------------------------------------


def _lock_school_imports(roster_import: RosterImport) -> None:
    """Lock the school's row, the parent of its imports, until the caller's transaction ends: two applies of one
    school run one after the other (the second plans against what the first wrote, so no student or guardian is
    added twice), and two confirmations cannot both pass the "another import is running" check."""
    School.objects.select_for_update().filter(pk=roster_import.school_id).first()


def roster_imports_resume() -> int:
    """Check or apply again each import whose worker died mid-way (its claim's lease ran out); the number found.

    Celery beat runs it every minute. Nothing of a killed apply was committed (one transaction), so applying again
    from the stored file imports everything exactly once; the claim lets only one worker resume an import.
    """
    stale = timezone.now() - _lease()
    abandoned = RosterImport.objects.filter(
        status__in=(Status.ANALYSING, Status.APPLYING), claimed_at__lt=stale
    ).order_by("pk")
    resumed = 0
    for roster_import in abandoned:
        logger.warning("Roster import %s: its worker stopped while %s; resuming", roster_import.pk,
                       roster_import.status)
        if roster_import.status == Status.APPLYING:
            roster_import_apply(roster_import=roster_import)
        else:
            roster_import_analyse(roster_import=roster_import)
        resumed += 1
    return resumed


def _lease() -> timedelta:
    return timedelta(seconds=settings.ROSTER_IMPORT_LEASE_SECONDS)


def _claim(roster_import: RosterImport, *, waiting: str, working: str) -> uuid.UUID | None:
    """Take the work with one conditional UPDATE: exactly one caller gets 1 row back (and the claim's token), every
    other caller 0 (None). A claim whose lease ran out (its worker died) may be taken over."""
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        RosterImport.objects.filter(pk=roster_import.pk)
        .filter(Q(status=waiting) | Q(status=working, claimed_at__lt=now - _lease()))
        .update(status=working, claimed_at=now, claim_token=token, processed_rows=0)
    )
    roster_import.refresh_from_db()
    return token if claimed == 1 else None


@contextmanager
def _renewing(roster_import: RosterImport, token: uuid.UUID):
    """Renew the claim every third of the lease while the work runs, so nobody takes over a live worker's import.

    From a thread of its own: it has its own database connection, whose renewals commit at once, while the apply's
    writes wait for the end of its transaction (Django's connections belong to one thread each).
    """
    stop = threading.Event()

    def renew():
        try:
            while not stop.wait(settings.ROSTER_IMPORT_LEASE_SECONDS / 3):
                try:
                    # As before each request and task: a connection PostgreSQL dropped (a restart) is replaced.
                    close_old_connections()
                    RosterImport.objects.filter(
                        pk=roster_import.pk, claim_token=token, status__in=(Status.ANALYSING, Status.APPLYING)
                    ).update(claimed_at=timezone.now())
                except (DatabaseError, InterfaceError):
                    # PostgreSQL blinked: the next renewal tries again; the lease is three renewals long.
                    logger.warning("Roster import %s: could not renew the claim", roster_import.pk, exc_info=True)
        finally:
            connections.close_all()

    renewer = threading.Thread(target=renew, name=f"roster-import-{roster_import.pk}-lease", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join(timeout=30)


def _hold_claim(roster_import: RosterImport, token: uuid.UUID) -> None:
    """Lock the import row if this worker's claim still holds it (until the commit); else roll the apply back."""
    held = RosterImport.objects.select_for_update().filter(
        pk=roster_import.pk, claim_token=token, status=Status.APPLYING
    )
    if not list(held.values_list("pk", flat=True)):
        raise _ClaimLost


@contextmanager
def _failing_safely(roster_import: RosterImport, *, release_to: str):
    """A lost database connection hands the work back for the task's retry; a bug fails the import with a message."""
    try:
        yield
    except (OperationalError, InterfaceError):
        try:
            RosterImport.objects.filter(pk=roster_import.pk, status=roster_import.status).update(
                status=release_to, claimed_at=None
            )
        except (OperationalError, InterfaceError):
            logger.warning("Roster import %s: could not release the claim; it expires by itself", roster_import.pk)
        raise
    except Exception:
        logger.exception("Roster import %s failed", roster_import.pk)
        report = Report()
        report.error(
            Source(roster_import.original_name),
            _("Something went wrong on our side while working on this file. Nothing was imported. Try again, and "
              "tell support if it happens again."),
        )
        roster_import.status = Status.FAILED
        _finish(roster_import, ParsedRoster(format_label=roster_import.get_file_format_display()), None, report,
                done=True)


def _language(roster_import: RosterImport) -> str:
    user = roster_import.uploaded_by
    return user.preferred_language if user is not None else settings.LANGUAGE_CODE


def _read_and_plan(roster_import: RosterImport, report: Report, progress: Progress):
    school = School.objects.get(pk=roster_import.school_id)
    with roster_import.file.open("rb") as stored:
        data = stored.read()
    name = roster_import.original_name
    if roster_import.file_format == RosterImport.Format.ONEROSTER:
        try:
            members = zip_csv_members(name, data)
        except UploadProblem as problem:
            report.error(Source(name), str(problem))
            return ParsedRoster(format_label="OneRoster"), None
        org = school.source_id or roster_import.org_source_id
        parsed = oneroster.read(members, org_source_id=org, report=report, progress=progress)
    elif roster_import.file_format == RosterImport.Format.XLSX:
        parsed = template.read_xlsx_template(data, file=name, report=report, progress=progress)
    else:
        parsed = template.read_csv_template(data, file=name, report=report, progress=progress)
    if parsed.needs_org or (parsed.org is None and roster_import.file_format == RosterImport.Format.ONEROSTER):
        return parsed, None
    if report.has_errors and not parsed.students and not parsed.classes:
        return parsed, None
    # Planned even when the file has errors: the planner's own (a grade the school lacks, a name too long) are then
    # listed with the readers', all at once. A plan with errors is never carried out.
    plan = planning.build_plan(
        school=school, parsed=parsed, new_student_kind=roster_import.new_student_kind, report=report
    )
    return parsed, None if report.has_errors else plan


def _carry_out(plan: planning.Plan, progress: Progress) -> None:
    """Write the plan. Its instances were ``full_clean``-ed by the planner in this transaction (all but the checks
    that cost a query per row: foreign keys, which the planner sets itself, and unique constraints, which it checks
    in bulk and the database enforces); new rows are inserted in batches."""
    progress.start(len(plan.changes))
    _save(plan.students, progress)
    for change in plan.guardians:
        change.instance.student = plan.students_by_source_id[change.student_source_id]
    _save(plan.guardians, progress)
    _save(plan.classes, progress)
    _set_class_students(plan)
    if plan.link_org:
        plan.school.source_id = plan.link_org
        plan.school.full_clean()
        plan.school.save(update_fields=["source_id"])


def _save(changes: list[planning.Change], progress: Progress) -> None:
    """New rows with ``bulk_create`` and changed ones with ``bulk_update``, in batches: the number of queries grows
    with the batches, not the rows (a query per row made 20,000 students take half a minute)."""
    new = [change.instance for change in changes if change.action == planning.CREATE]
    for batch in _batches(new):
        type(batch[0]).objects.bulk_create(batch)
        progress.advance(len(batch))
    updated = [c for c in changes if c.action in (planning.UPDATE, planning.DEACTIVATE) and c.fields]
    if not updated:
        return
    model = type(updated[0].instance)
    # One field list for every row keeps one UPDATE per batch; a row's unchanged fields are written as they were
    # read in this transaction. ``bulk_update`` skips ``save()``, so ``auto_now`` stamps are set here.
    stamps = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    fields = sorted({name for change in updated for name in change.fields} | {f.name for f in stamps})
    for batch in _batches([change.instance for change in updated]):
        for instance in batch:
            for stamp in stamps:
                stamp.pre_save(instance, add=False)
        model.objects.bulk_update(batch, fields)
        progress.advance(len(batch))


def _set_class_students(plan: planning.Plan) -> None:
    """Each changed class gets exactly the students the plan wants, through its membership table in bulk: reading
    the current rows, deleting the stale ones and inserting the new ones each take a query per batch, not per
    class."""
    changed = [change for change in plan.classes if change.student_ids is not None]
    if not changed:
        return
    through = SchoolClass.students.through
    students = plan.students_by_source_id
    wanted = {(change.instance.pk, students[source_id].pk) for change in changed for source_id in change.student_ids}
    stale, present = [], set()
    for batch in _batches([change.instance.pk for change in changed]):
        for pk, class_id, student_id in through.objects.filter(schoolclass_id__in=batch).values_list(
            "pk", "schoolclass_id", "student_id"
        ):
            if (class_id, student_id) in wanted:
                present.add((class_id, student_id))
            else:
                stale.append(pk)
    for batch in _batches(stale):
        through.objects.filter(pk__in=batch).delete()
    rows = [through(schoolclass_id=klass, student_id=student) for klass, student in sorted(wanted - present)]
    for batch in _batches(rows, size=5 * BATCH_SIZE):
        through.objects.bulk_create(batch)


def _batches(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _log_change(roster_import: RosterImport, plan: planning.Plan) -> None:
    """Imports change dates of birth and guardian contacts: one access-log row says who, when, how much."""
    user = roster_import.confirmed_by or roster_import.uploaded_by
    if user is None:
        return
    counts = plan.counts()["students"]
    record_access(
        user=user,
        school=plan.school,
        action=AccessLogEntry.Action.CHANGE,
        what=_("Roster import %(id)s: %(created)s students added, %(updated)s updated, %(deactivated)s deactivated")
        % {"id": roster_import.pk, "created": counts["create"], "updated": counts["update"],
           "deactivated": counts["deactivate"]},
    )


def _finish(roster_import: RosterImport, parsed: ParsedRoster, plan, report: Report, *, done: bool) -> None:
    data = report.as_json()
    data["format"] = parsed.format_label
    data["org"] = asdict(parsed.org) if parsed.org else None
    data["org_choices"] = [asdict(org) for org in parsed.org_choices] if parsed.needs_org else []
    if plan is not None:
        changes = plan.changes
        data["counts"] = plan.counts()
        data["changes"] = [change.as_json() for change in changes[:REPORT_LIST_LIMIT]]
        data["changes_total"] = len(changes)
        data["links_org"] = bool(plan.link_org)
        data["removals"] = plan.removals.as_json()
        data["absent"] = plan.absent
        data["absent_total"] = plan.absent_total
    roster_import.report = data
    roster_import.total_rows = roster_import.processed_rows = parsed.rows_read
    roster_import.finished_at = timezone.now() if done else None
    roster_import.save(
        update_fields=["status", "report", "total_rows", "processed_rows", "finished_at"]
    )
