"""Write-side workflows of the schools app."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import AccessLogEntry, PeerAvailability, Student, Weekday, WorkerHeartbeat
from .outbox.services import outbox_email
from .permissions import can_view_sensitive
from .selectors import homeroom_of_teacher


def email_queue(*, template: str, context: dict, to: str, school=None, key=None, attachments=None) -> None:
    """Render ``<template>_subject.txt`` (one line) and ``<template>.txt``, and write the email to the outbox in the
    current transaction: a rolled-back change sends nothing, and it goes out once committed, even if Redis was down
    at that moment. ``school`` shows a failed email to that school's administrators; ``key`` and ``attachments`` are
    the outbox's (``outbox_email``): the email named once, and small text files sent with it."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    outbox_email(subject=subject, body=body, to=[to], school=school, key=key, attachments=attachments)


def record_access(*, user, school, action: str, what: str, student=None, request=None):
    """Append one row to the access log: who (``user``), at which school, which student, what, when and from where
    (the request's address, none from a task) — never the content.

    Every view, change, export, print or download of a student's sensitive fields goes through here. It takes the
    user and the school, not a request's ``Access``, so a task logs the same way a view does. A student's row is
    logged at the student's own school.
    """
    if student is not None and student.school_id != school.pk:
        raise ValueError("A student's access is logged at the student's own school.")
    return AccessLogEntry.objects.create(
        school=school,
        student=student,
        user=user,
        action=action,
        what=what[:200],
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


# What the student page shows of the confidential record, as the access log names it.
CONFIDENTIAL_RECORD = "support needs, IEP goals, behavior notes, own voice, guardians"


def student_record_open(*, access, student, request=None) -> bool:
    """Open a student's confidential record for the person of ``access``: when they may see it (a focus student
    whose record their role or support-team place lets them read), load it onto ``student`` (IEP goals, behaviour
    notes, guardians, peer preferences, support team) and log the look; otherwise load and log nothing.

    Returns whether the record was opened, so the page shows it only then.
    """
    if not (student.is_focus_student and can_view_sensitive(access, student)):
        return False
    selectors.load_confidential_record(student)
    record_access(
        user=access.user,
        school=student.school,
        student=student,
        request=request,
        action=AccessLogEntry.Action.VIEW,
        what=CONFIDENTIAL_RECORD,
    )
    return True


def _changed(*, access, request, student, what: str) -> None:
    record_access(
        user=access.user, school=student.school, student=student, request=request, action=AccessLogEntry.Action.CHANGE,
        what=what,
    )


@transaction.atomic
def student_profile_update(*, access, request, student, form):
    """Save a student's profile from a valid form; the change is logged (never its content)."""
    student = form.save(commit=False)
    student.full_clean()
    student.save()
    form.save_m2m()  # the support team
    _changed(access=access, request=request, student=student, what="profile: " + ", ".join(form.changed_data))
    return student


@transaction.atomic
def profile_item_save(*, access, request, student, form, what: str):
    """Save an IEP goal, behaviour note, guardian or peer preference of ``student`` from a valid form."""
    item = form.save(commit=False)
    item.student = student
    item.full_clean()
    item.save()
    _changed(access=access, request=request, student=student, what=what)
    return item


@transaction.atomic
def profile_item_delete(*, access, request, item, what: str) -> None:
    student = item.student
    item.delete()
    _changed(access=access, request=request, student=student, what=what)


@transaction.atomic
def peer_availability_set(*, access, request, student, periods, slots: set[tuple[int, int]]) -> None:
    """Replace the peer's free periods in ``periods`` (one bell schedule) with ``slots`` (period id, weekday)."""
    allowed = {period.pk for period in periods}
    if any(period_id not in allowed for period_id, _ in slots):
        raise ValidationError(_("Choose periods of this school's bell schedule."))
    PeerAvailability.objects.filter(student=student, period__in=allowed).delete()
    PeerAvailability.objects.bulk_create(
        PeerAvailability(student=student, period_id=period_id, weekday=weekday) for period_id, weekday in slots
    )
    _changed(access=access, request=request, student=student, what="availability")


@transaction.atomic
def roster_peer_link(
    *,
    school,
    student=None,
    first_name: str,
    last_name: str,
    grade: int,
    interests: str = "",
    prior_experience: str = "",
    homeroom_teacher: str = "",
    free_periods=(),
) -> Student:
    """The roster record of a peer who joins from outside the roster import (an accepted application): ``student``
    when given, else a peer of the school with the same name and grade, else a new one. Empty fields are filled from
    what is given; nothing already on the roster is overwritten. The peer is marked free in ``free_periods`` (periods
    of the school's bell schedules) on every weekday, keeping the free periods already known."""
    if student is None:
        student = (
            Student.objects.filter(
                school=school,
                kind=Student.Kind.PEER,
                grade=grade,
                first_name__iexact=first_name.strip(),
                last_name__iexact=last_name.strip(),
            )
            .order_by("-is_active", "pk")
            .first()
        )
    if student is None:
        student = Student(
            school=school,
            kind=Student.Kind.PEER,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            grade=grade,
        )
    if not student.interests:
        student.interests = interests
    if not student.prior_experience:
        student.prior_experience = prior_experience
    if not student.homeroom:
        # ``homeroom`` is the homeroom class ("Room 12"), not the teacher the peer named: it is set only when the
        # roster has exactly one homeroom class of that teacher.
        student.homeroom = homeroom_of_teacher(school=school, teacher_name=homeroom_teacher) or ""
    student.full_clean()
    student.save()
    PeerAvailability.objects.bulk_create(
        [PeerAvailability(student=student, period=period, weekday=day) for period in free_periods for day in Weekday],
        ignore_conflicts=True,
    )
    return student


@transaction.atomic
def period_save(*, schedule, form):
    period = form.save(commit=False)
    period.schedule = schedule
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def bell_schedule_create(*, school, form):
    schedule = form.save(commit=False)
    schedule.school = school
    schedule.full_clean()
    schedule.save()
    return schedule


def worker_heartbeat_record(*, hostname: str) -> None:
    """Note that the worker on ``hostname`` is alive and running tasks now (its periodic heartbeat task calls this)."""
    WorkerHeartbeat.objects.update_or_create(hostname=hostname[:255], defaults={"beat_at": timezone.now()})
