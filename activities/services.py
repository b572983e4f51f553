"""Write side of shared activities: the public surface other apps (evaluation) and this app's areas call. Keyword-only
arguments, ``full_clean()`` and one transaction per workflow.

The scheduling core lives here because every area needs it: the days a series falls on (the bell schedule's rule,
skipping the school's non-school days and ending with the term) and the occurrences generated from them.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from schools import selectors as school_selectors
from schools.dates import school_today

from .models import Activity, ActivitySettings, Attendance, Kind, Occurrence, Repeats, ServiceHours


def _nth_weekday(day: datetime.date) -> int:
    """Which of its month's weekdays ``day`` is: 1 for the first Tuesday, 2 for the second..."""
    return (day.day - 1) // 7 + 1


def _monthly_dates(first: datetime.date, until: datetime.date) -> list[datetime.date]:
    """The same weekday of the month as ``first`` (the 2nd Tuesday), every month up to ``until``; a month without
    a 5th Tuesday has none."""
    nth, weekday = _nth_weekday(first), first.weekday()
    dates = []
    year, month = first.year, first.month
    while True:
        month_days = calendar.Calendar().itermonthdates(year, month)
        matching = [d for d in month_days if d.month == month and d.weekday() == weekday]
        if len(matching) >= nth:
            day = matching[nth - 1]
            if day > until:
                break
            if day >= first:
                dates.append(day)
        elif datetime.date(year, month, 1) > until:
            break
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return dates


def occurrence_dates(*, activity: Activity, skip: set[datetime.date] | None = None) -> list[datetime.date]:
    """The days ``activity``'s rule gives, from its first day to its last (or the term's), less ``skip`` (the school's
    non-school days; a one-off event is kept whatever day it is: it may be a Saturday field day)."""
    first, until = activity.first_date, activity.until
    if activity.repeats == Repeats.ONCE:
        return [first]
    skip = skip or set()
    if activity.repeats == Repeats.MONTHLY:
        days = _monthly_dates(first, until)
    else:
        weekdays = {0, 1, 2, 3, 4} if activity.repeats == Repeats.DAILY else set(activity.weekdays or [])
        days = []
        day = first
        while day <= until:
            if day.weekday() in weekdays:
                days.append(day)
            day += datetime.timedelta(days=1)
    return [day for day in days if day not in skip]


def _times(activity: Activity) -> tuple[datetime.time, datetime.time]:
    if activity.period_id:
        return activity.period.starts_at, activity.period.ends_at
    return activity.starts_at, activity.ends_at


def _school(activity: Activity):
    return activity.program.school


def occurrences_generate(*, activity: Activity) -> dict[str, list[Occurrence]]:
    """Bring ``activity``'s occurrences in line with its rule: create the days missing; give the days not changed on
    their own the series' times and place (raising their SEQUENCE when that changes what people see); remove the
    days the rule no longer gives unless they were changed on their own or have attendance. Days already past keep
    what they had. Returns ``{"created": [...], "changed": [...], "removed": [...]}`` for the caller's notices."""
    school = _school(activity)
    skip = school_selectors.non_school_days(school=school, start=activity.first_date, end=activity.until)
    wanted = occurrence_dates(activity=activity, skip=skip)
    starts_at, ends_at = _times(activity)
    today = school_today(school)
    result: dict[str, list[Occurrence]] = {"created": [], "changed": [], "removed": []}
    with transaction.atomic():
        existing = {o.series_date: o for o in activity.occurrences.select_for_update()}
        for day in wanted:
            occurrence = existing.pop(day, None)
            if occurrence is None:
                occurrence = Occurrence(
                    activity=activity, series_date=day, date=day, starts_at=starts_at, ends_at=ends_at
                )
                occurrence.full_clean()
                occurrence.save()
                result["created"].append(occurrence)
            elif (
                not occurrence.is_changed
                and occurrence.date >= today
                and (occurrence.starts_at, occurrence.ends_at) != (starts_at, ends_at)
            ):
                occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
                occurrence.sequence += 1
                occurrence.save()
                result["changed"].append(occurrence)
        for occurrence in existing.values():
            if occurrence.is_changed or occurrence.date < today or occurrence.attendance.exists():
                continue
            result["removed"].append(occurrence)
            occurrence.delete()
    return result


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def hours_auto_approves(*, program, proofs: set[str]) -> bool:
    """The program approves hours by itself when the entry has every proof the program chose (``ActivitySettings``);
    the service-hours area asks it again whenever an entry gets a proof (the verifier's answer, a document)."""
    settings = ActivitySettings.objects.filter(program=program).first()
    if settings is None or not settings.auto_approve_hours or not settings.auto_approve_proofs:
        return False
    return set(settings.auto_approve_proofs) <= proofs


def service_hours_from_attendance(*, occurrence: Occurrence) -> list[ServiceHours]:
    """Service hours follow the attendance of a service-learning occurrence: one entry per person and occurrence
    (never two), its hours the minutes they were there. Called in the transaction of every attendance save and
    check-out. An entry whose person is now marked absent is declined with the reason, never deleted; one already
    approved or declined by the coordinator keeps that decision unless its hours changed."""
    activity = occurrence.activity
    if activity.kind != Kind.SERVICE_LEARNING:
        return []
    touched = []
    existing = {h.student_id: h for h in ServiceHours.objects.filter(occurrence=occurrence)}
    for row in Attendance.objects.filter(occurrence=occurrence):
        entry = existing.get(row.student_id)
        if row.minutes == 0:
            if entry is not None and entry.approval != ServiceHours.Approval.DECLINED:
                entry.approval = ServiceHours.Approval.DECLINED
                entry.decline_reason = "Marked absent in attendance."
                entry.decided_at = timezone.now()
                entry.save()
                touched.append(entry)
            continue
        hours = _hours(row.minutes)
        if entry is None:
            entry = ServiceHours(
                program=activity.program,
                term=activity.term,
                student_id=row.student_id,
                activity=activity,
                occurrence=occurrence,
                source=ServiceHours.Source.ATTENDANCE,
                date=occurrence.date,
                description=str(activity)[:500],
                verification=ServiceHours.Verification.NOT_NEEDED,
            )
        elif entry.hours == hours and entry.approval != ServiceHours.Approval.DECLINED:
            continue
        entry.hours = hours
        approved = hours_auto_approves(program=activity.program, proofs={ActivitySettings.Proof.ATTENDANCE})
        entry.approval = ServiceHours.Approval.APPROVED if approved else ServiceHours.Approval.PENDING
        entry.decline_reason = ""
        entry.decided_by, entry.decided_at = None, (timezone.now() if approved else None)
        entry.full_clean()
        entry.save()
        touched.append(entry)
    return touched


# --- Scheduling workflows other areas and apps call (the area's own module holds them: activities/scheduling/) ---
# The area builds on this module's scheduling core (``occurrences_generate``), so each is imported inside the
# function: a module-level import both ways would be a cycle.


def activity_create(*, program, created_by, supervisors=(), **fields):
    """Plan an activity and generate its occurrences: ``(activity, number of days)``. See
    ``activities.scheduling.services.activity_create``."""
    from .scheduling import services as scheduling  # cycle: scheduling imports this module

    return scheduling.activity_create(program=program, created_by=created_by, supervisors=supervisors, **fields)


def participants_place(*, activity, students, source):
    """Place students (consent and readiness checked; beyond the capacity, the waitlist)."""
    from .scheduling import services as scheduling  # cycle: scheduling imports this module

    return scheduling.participants_place(activity=activity, students=students, source=source)


def participant_withdraw(*, participant):
    """Someone leaves; the first on the waitlist takes the place and is told."""
    from .scheduling import services as scheduling  # cycle: scheduling imports this module

    return scheduling.participant_withdraw(participant=participant)


def occurrence_cancel(*, occurrence, reason):
    """Cancel one occurrence with the reason; those concerned are told once."""
    from .scheduling import services as scheduling  # cycle: scheduling imports this module

    return scheduling.occurrence_cancel(occurrence=occurrence, reason=reason)
