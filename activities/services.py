"""Write side of shared activities: the public surface other apps (evaluation) and this app's areas call. Keyword-only
arguments, ``full_clean()`` and one transaction per workflow.

The scheduling core (``occurrence_dates``, ``occurrences_generate``) is in ``activities/recurrence.py``; the
scheduling workflows other apps call are the scheduling area's, named here.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .models import ActivitySettings, Attendance, Kind, Occurrence, ServiceHours
from .recurrence import occurrence_dates, occurrences_generate
from .scheduling.services import activity_create, occurrence_cancel, participant_withdraw, participants_place

__all__ = [
    "activity_create",
    "hours_auto_approves",
    "occurrence_cancel",
    "occurrence_dates",
    "occurrences_generate",
    "participant_withdraw",
    "participants_place",
    "service_hours_from_attendance",
]


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
