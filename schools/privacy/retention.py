"""Retention: anonymising a student's personal data, by the daily schedule or at once on the school's request.

Which students are due (``retention_due``), what anonymising does (``student_anonymise``) and the run that logs
it (``retention_run``) live here. Domain apps hold personal data about a student too (a peer's application, a
guardian's online consent): each registers an anonymiser (``register_anonymiser``, from its ``AppConfig.ready()``)
so the core app never imports them.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..dates import school_today
from ..models import (
    AccessLogEntry,
    BehaviorNote,
    Guardian,
    IEPGoal,
    PeerAvailability,
    PeerPreference,
    Student,
    Term,
)
from ..services import record_access
from .models import ConsentRecord

log = logging.getLogger("peerpartners.security")

# The account that signs the access-log rows of the scheduled run (the log needs a "who"). It cannot sign in.
RETENTION_USERNAME = "system.retention"

_ANONYMISERS: list[Callable[[Student], None]] = []


def register_anonymiser(anonymiser: Callable[[Student], None]) -> None:
    """A domain app's function that erases what it holds about one student (called inside the transaction)."""
    if anonymiser not in _ANONYMISERS:
        _ANONYMISERS.append(anonymiser)


@dataclass(frozen=True)
class RecordSweep:
    """Personal data a domain app holds about children who never became a roster student (an applicant who was not
    accepted, a nominee who never applied). ``due(school, on, days)`` counts what the run would erase, ``run(school,
    on, days)`` erases it and returns the count; both keep the same ``days`` after the record's term ended."""

    name: str  # in log lines
    label: str  # on the dry-run report: what is erased, in plain words
    due: Callable[..., int]
    run: Callable[..., int]


_SWEEPS: list[RecordSweep] = []


def register_sweep(sweep: RecordSweep) -> None:
    if all(existing.name != sweep.name for existing in _SWEEPS):
        _SWEEPS.append(sweep)


def sweeps_due(*, school=None, on: datetime.date | None = None, days: int | None = None) -> list[tuple[str, int]]:
    """What each registered sweep would erase now: (label, count), for the dry-run report."""
    days = settings.STUDENT_RETENTION_DAYS if days is None else days
    return [(sweep.label, sweep.due(school=school, on=on, days=days)) for sweep in _SWEEPS]


# --- Who is due ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionDue:
    student_id: int
    school_id: int
    last_term_ended: datetime.date
    due_on: datetime.date
    reason: str  # ids and dates only: printed by the dry run and written to the logs


def _school_years(school_ids) -> dict[int, list[tuple[datetime.date, datetime.date]]]:
    years: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for school_id, start, end in (
        Term.objects.school_years()
        .filter(school_id__in=school_ids)
        .order_by("start_date")
        .values_list("school_id", "start_date", "end_date")
    ):
        years.setdefault(school_id, []).append((start, end))
    return years


def retention_due(*, school=None, on: datetime.date | None = None, days: int | None = None) -> list[RetentionDue]:
    """Students whose personal data is due for anonymising, with the reason. Three queries, whatever the count.

    Never a student who is still enrolled and taking part (``is_active`` and not "no longer taking part"), and never
    one already anonymised. For the others, the **last term** ends on:

    1. the latest last day of the terms of the programs they took part in, when they took part in one;
    2. otherwise the last day of the latest school year of their school that had started by the time their record
       last changed (leaving the school, or being marked as no longer taking part, is such a change);
    3. otherwise (the school entered no school year) the day their record last changed.

    They are due ``STUDENT_RETENTION_DAYS`` days after that day, counted in their school's time zone (``on``
    overrides today, for the dry-run report of a given day).
    """
    days = settings.STUDENT_RETENTION_DAYS if days is None else days
    students = (
        Student.objects.filter(anonymised_at=None)
        .exclude(is_active=True, participation__in=[Student.Participation.ACTIVE, Student.Participation.ON_BREAK])
        # Program terms, by the reverse relation's name: the core app imports no domain app.
        .annotate(program_last_day=Max("program_participations__program__terms__end_date"))
        .select_related("school")
        .order_by("school_id", "pk")
    )
    if school is not None:
        students = students.filter(school=school)
    students = list(students)
    years = _school_years({s.school_id for s in students})
    due = []
    for student in students:
        changed_on = timezone.localtime(student.updated_at).date()
        if student.program_last_day:
            ended, source = student.program_last_day, "program term"
        else:
            started = [end for start, end in years.get(student.school_id, []) if start <= changed_on]
            if started:
                ended, source = max(started), "school year"
            else:
                ended, source = changed_on, "last change of the record"
        due_on = ended + datetime.timedelta(days=days)
        today = on or school_today(student.school)
        if due_on > today:
            continue
        status = "not enrolled" if not student.is_active else "no longer taking part"
        due.append(
            RetentionDue(
                student_id=student.pk,
                school_id=student.school_id,
                last_term_ended=ended,
                due_on=due_on,
                reason=f"{status}; last term ({source}) ended {ended.isoformat()}; {days} days kept",
            )
        )
    return due


# --- Anonymising ---------------------------------------------------------------------------------------------------

# Free text and other personal fields of a student, blanked (names are replaced, booleans reset).
_BLANKED = (
    "source_id",
    "preferred_name",
    "homeroom",
    "interests",
    "communication",
    "how_to_help",
    "strengths",
    "school_involvement",
    "speech",
    "aac_device",
    "support_needs",
    "activities_wanted",
    "support_preferred",
    "support_not_wanted",
    "cultural_considerations",
    "prior_experience",
)


def retention_user():
    """The inactive account that signs the scheduled run's access-log rows (created once)."""
    user, _created = get_user_model().objects.get_or_create(
        username=RETENTION_USERNAME, defaults={"is_active": False, "first_name": "Retention", "last_name": "schedule"}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _sign_in_off(user) -> None:
    """The student's sign-in: off, personal fields blanked; saving it switched off ends every session
    (``schools.accounts.sessions``)."""
    user.is_active = False
    user.username = f"former-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.save()


def student_anonymise(*, student: Student, reason: str, by=None, request=None) -> Student:
    """Erase a student's personal data, keep the row. Idempotent: an anonymised student is returned unchanged.

    Guarantees, in one transaction: the names become "Former student <id>"; every free-text and sensitive field and
    the date of birth are blanked; IEP goals, behaviour notes, peer preferences (the student's and those naming
    them), guardians, availability and classes are deleted; consent records keep their dates but lose the names;
    each registered domain anonymiser runs (applications, nominations, guardian consents, match notes); the
    student's sign-in is turned off and blanked; ``anonymised_at`` is set. The access log and disclosures stay (they
    hold no content). One access-log row (CHANGE) and one security log line record it, with ``reason``.
    """
    by = by or retention_user()
    with transaction.atomic():
        student = Student.objects.select_for_update().get(pk=student.pk)
        if student.anonymised_at is not None:
            return student
        student.first_name = "Former student"
        student.last_name = str(student.pk)
        for name in _BLANKED:
            setattr(student, name, "")
        student.date_of_birth = None
        student.complex_communication_needs = student.family_connection = False
        student.is_active = False
        student.participation = Student.Participation.FORMER
        student.anonymised_at = timezone.now()
        user = student.user
        student.save()
        student.support_team.clear()
        student.classes.clear()
        IEPGoal.objects.filter(student=student).delete()
        BehaviorNote.objects.filter(student=student).delete()
        PeerPreference.objects.filter(student=student).delete()
        PeerPreference.objects.filter(peer=student).delete()
        Guardian.objects.filter(student=student).delete()
        PeerAvailability.objects.filter(student=student).delete()
        ConsentRecord.objects.filter(student=student).update(given_by="", relationship="")
        for anonymiser in _ANONYMISERS:
            anonymiser(student)
        if user is not None:
            _sign_in_off(user)
        record_access(
            user=by,
            school=student.school,
            request=request,
            student=student,
            action=AccessLogEntry.Action.CHANGE,
            what=f"anonymised: {reason}",
        )
    log.info(
        "student.anonymised student_id=%s school_id=%s by_user_id=%s reason=%r",
        student.pk,
        student.school_id,
        by.pk,
        reason[:200],
    )
    return student


def retention_run(*, school=None, by=None, request=None, on: datetime.date | None = None) -> list[RetentionDue]:
    """Anonymise every student due (``retention_due``), each in its own transaction, and log the run.

    Safe to run twice: a student anonymised by the first run is no longer due (and ``student_anonymise`` is
    idempotent). Returns what was done.
    """
    due = retention_due(school=school, on=on)
    by = by or retention_user()
    students = Student.objects.in_bulk([row.student_id for row in due])
    for row in due:
        student_anonymise(student=students[row.student_id], reason=f"retention: {row.reason}", by=by, request=request)
    swept = {sweep.name: sweep.run(school=school, on=on, days=settings.STUDENT_RETENTION_DAYS) for sweep in _SWEEPS}
    log.info(
        "retention.run school_id=%s by_user_id=%s anonymised=%s swept=%s",
        getattr(school, "pk", "all"),
        by.pk,
        len(due),
        ",".join(f"{label}:{count}" for label, count in swept.items()) or "-",
    )
    return due
