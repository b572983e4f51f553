"""Attendance, check-ins, walk-ins, kiosks and personal check-in codes: the write side of the attendance area.

Every workflow takes keyword arguments, validates with ``full_clean()`` and runs in one transaction that first locks
the occurrence's row (``select_for_update``): two phones saving at once, or a check-in arriving while the supervisor
saves, wait for each other, so a person never gets two rows (the constraint ``attendance_once_per_person`` holds
anyway). Every save ends with ``service_hours_from_attendance`` in the same transaction.
"""

import datetime
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_today, school_zone

from ..models import (
    Attendance,
    AttendanceChange,
    CheckIn,
    CheckInCode,
    KioskToken,
    Occurrence,
    Participant,
    token_digest,
)
from ..services import service_hours_from_attendance
from . import selectors

# The supervisor edits attendance until this many days after the occurrence's date; then only a coordinator or
# principal, with a reason.
EDIT_DAYS = 7
CODE_DIGITS = 6


def _locked(occurrence: Occurrence) -> Occurrence:
    """The occurrence's row, locked for the rest of the transaction (the parent row of its attendance)."""
    return Occurrence.objects.select_for_update().select_related("activity__program__school").get(pk=occurrence.pk)


def _refuse_cancelled(occurrence: Occurrence) -> None:
    if occurrence.is_cancelled or occurrence.activity.is_cancelled:
        raise ValidationError(_("This occurrence was cancelled, so it takes no attendance."))


def edit_window_open(*, occurrence: Occurrence, today: datetime.date | None = None) -> bool:
    """Whether the supervisor's 7 days after the occurrence's date still run (counted at the school's today)."""
    today = today or school_today(occurrence.activity.program.school)
    return today <= occurrence.date + datetime.timedelta(days=EDIT_DAYS)


def _snapshot(row: Attendance) -> dict:
    return {
        "status": row.status,
        "minutes_missed": row.minutes_missed,
        "note": row.note,
        "minutes": row.minutes,
        "checked_in_at": row.checked_in_at.isoformat() if row.checked_in_at else None,
        "checked_out_at": row.checked_out_at.isoformat() if row.checked_out_at else None,
    }


def _save_row(row: Attendance, *, before: dict | None, by, reason: str) -> bool:
    """Validate and save ``row``; a change to a row that existed is kept in the history. True when it changed."""
    row.full_clean()
    after = _snapshot(row)
    if before is not None and before == after:
        return False
    row.save()
    if before is not None:
        AttendanceChange.objects.create(attendance=row, changed_by=by, reason=reason, before=before, after=after)
    return True


def _mark_taken(occurrence: Occurrence, by) -> None:
    if occurrence.attendance_taken_at is None:
        occurrence.attendance_taken_at = timezone.now()
        occurrence.attendance_taken_by = by
        occurrence.save(update_fields=["attendance_taken_at", "attendance_taken_by", "updated_at"])


def attendance_save(*, occurrence: Occurrence, marks: dict[int, dict], by, may_correct: bool = False, reason: str = ""):
    """Save attendance at ``occurrence``: everyone expected is present unless ``marks`` (``{student id: {"status",
    "minutes_missed", "note"}}``) says otherwise. The phone page sends one person's mark per tap; the plain form sends
    everyone's. The first save sets who took it and when, and writes a present row for everyone expected.

    Until 7 days after the occurrence's date any staff member who may take attendance edits it; after that only one
    who ``may_correct`` (the coordinator or principal), with a ``reason``. Returns ``{"present": n, "absent": n}``."""
    reason = (reason or "").strip()
    with transaction.atomic():
        occurrence = _locked(occurrence)
        _refuse_cancelled(occurrence)
        if occurrence.date > school_today(occurrence.activity.program.school):
            raise ValidationError(_("Attendance opens on the day of the activity."))
        if not edit_window_open(occurrence=occurrence):
            if not may_correct:
                raise ValidationError(
                    _("Attendance can be changed by the supervisor until 7 days after the day; ask the coordinator.")
                )
            if not reason:
                raise ValidationError({"reason": _("Say why you change attendance after 7 days.")})
        expected = {s.pk: s for s in selectors.expected_students(occurrence=occurrence)}
        rows = {row.student_id: row for row in Attendance.objects.filter(occurrence=occurrence)}
        unknown = set(marks) - set(expected) - set(rows)
        if unknown:
            raise ValidationError(_("Only people expected at this occurrence can be marked."))
        for student_id in sorted(set(expected) | set(rows)):
            row = rows.get(student_id)
            mark = _clean_mark(marks.get(student_id))
            if row is not None and (mark is None or mark == (row.status, row.minutes_missed, row.note)):
                # Unchanged (a checked-in row keeps the minutes its times gave).
                continue
            before = _snapshot(row) if row is not None else None
            if row is None:
                row = Attendance(occurrence=occurrence, student_id=student_id, recorded_by=by)
            if mark is not None:
                row.status, row.minutes_missed, row.note = mark
                # What staff mark wins over check-in times: it is what the supervisor saw.
                row.source = Attendance.Source.STAFF
            row.minutes = row.compute_minutes()
            _save_row(row, before=before, by=by, reason=reason)
        _mark_taken(occurrence, by)
        service_hours_from_attendance(occurrence=occurrence)
        counts = Attendance.objects.filter(occurrence=occurrence)
        return {
            "present": counts.exclude(status=Attendance.Status.ABSENT).count(),
            "absent": counts.filter(status=Attendance.Status.ABSENT).count(),
        }


def _clean_mark(mark: dict | None) -> tuple[str, int, str] | None:
    """A mark as (status, minutes missed, note); minutes missed only count for a late arrival or an early leave."""
    if mark is None:
        return None
    status = mark.get("status") or Attendance.Status.PRESENT
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Choose present, absent, late or left early.")})
    late_or_early = status in (Attendance.Status.LATE, Attendance.Status.LEFT_EARLY)
    missed = (mark.get("minutes_missed") or 0) if late_or_early else 0
    if late_or_early and not missed:
        raise ValidationError({"minutes_missed": _("Say how many minutes they missed.")})
    return status, missed, (mark.get("note") or "").strip()


# --- Check-in and check-out (QR code with a sign-in, or the kiosk with a personal code) ---


def _aware(occurrence: Occurrence, time: datetime.time) -> datetime.datetime:
    zone = school_zone(occurrence.activity.program.school)
    return datetime.datetime.combine(occurrence.date, time, tzinfo=zone)


def minutes_between(*, occurrence: Occurrence, checked_in_at, checked_out_at) -> int:
    """Minutes from max(check-in, start) to min(check-out, end); never below 0."""
    start = max(checked_in_at, _aware(occurrence, occurrence.starts_at))
    end = min(checked_out_at, _aware(occurrence, occurrence.ends_at))
    return max(0, int((end - start).total_seconds() // 60))


def _refuse_other_day(occurrence: Occurrence) -> None:
    if occurrence.date != school_today(occurrence.activity.program.school):
        raise ValidationError(_("Check-in is open on the day of the activity only."))


def check_in(*, occurrence: Occurrence, student, now: datetime.datetime | None = None) -> CheckIn:
    """``student`` checks in at ``occurrence`` (today only). Someone expected gets their attendance row (present,
    checked in); a second check-in changes nothing. Anyone else is a walk-in, waiting for the supervisor."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = _locked(occurrence)
        _refuse_cancelled(occurrence)
        _refuse_other_day(occurrence)
        if student.school_id != occurrence.activity.program.school_id:
            raise ValidationError(_("Only students of this school can check in here."))
        existing = CheckIn.objects.filter(occurrence=occurrence, student=student).first()
        if existing is not None:
            return existing
        expected = selectors.expected_students(occurrence=occurrence).filter(pk=student.pk).exists()
        has_row = Attendance.objects.filter(occurrence=occurrence, student=student).exists()
        if not (expected or has_row):
            entry = CheckIn(occurrence=occurrence, student=student, status=CheckIn.Status.WAITING, checked_in_at=now)
            entry.full_clean()
            entry.save()
            return entry
        entry = CheckIn(occurrence=occurrence, student=student, status=CheckIn.Status.ACCEPTED, checked_in_at=now)
        entry.full_clean()
        entry.save()
        _attendance_from_check_in(occurrence, student, checked_in_at=now, by=None)
        return entry


def _attendance_from_check_in(occurrence, student, *, checked_in_at, by) -> Attendance:
    row = Attendance.objects.filter(occurrence=occurrence, student=student).first()
    before = _snapshot(row) if row is not None else None
    if row is None:
        row = Attendance(occurrence=occurrence, student=student, recorded_by=by)
    if row.checked_in_at is None:
        row.checked_in_at = checked_in_at
    row.source = Attendance.Source.CHECK_IN
    row.status, row.minutes_missed = Attendance.Status.PRESENT, 0
    # Until they check out, they count from when they arrived to the end.
    row.minutes = minutes_between(
        occurrence=occurrence, checked_in_at=row.checked_in_at, checked_out_at=_aware(occurrence, occurrence.ends_at)
    )
    _save_row(row, before=before, by=by, reason=_("Checked in"))
    _mark_taken(occurrence, by)
    service_hours_from_attendance(occurrence=occurrence)
    return row


def check_out(*, occurrence: Occurrence, student, now: datetime.datetime | None = None) -> Attendance:
    """``student`` checks out: their minutes become the time from max(check-in, start) to min(check-out, end)."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = _locked(occurrence)
        _refuse_cancelled(occurrence)
        entry = CheckIn.objects.filter(occurrence=occurrence, student=student).first()
        if entry is None:
            raise ValidationError(_("Check in first."))
        if entry.status != CheckIn.Status.ACCEPTED:
            raise ValidationError(_("The supervisor has not accepted your check-in yet."))
        if entry.checked_out_at is not None:
            raise ValidationError(_("You have already checked out."))
        row = Attendance.objects.get(occurrence=occurrence, student=student)
        before = _snapshot(row)
        checked_in_at = row.checked_in_at or entry.checked_in_at
        entry.checked_out_at = now
        entry.save(update_fields=["checked_out_at"])
        row.checked_in_at, row.checked_out_at = checked_in_at, now
        row.source = Attendance.Source.CHECK_IN
        row.status, row.minutes_missed = Attendance.Status.PRESENT, 0
        row.minutes = minutes_between(occurrence=occurrence, checked_in_at=checked_in_at, checked_out_at=now)
        _save_row(row, before=before, by=None, reason=_("Checked out"))
        service_hours_from_attendance(occurrence=occurrence)
        return row


def walk_in_decide(*, check_in: CheckIn, accept: bool, by) -> CheckIn:
    """The supervisor accepts a walk-in (they join the activity, and their check-in counts) or refuses it."""
    with transaction.atomic():
        occurrence = _locked(check_in.occurrence)
        _refuse_cancelled(occurrence)
        entry = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if entry.status != CheckIn.Status.WAITING:
            raise ValidationError(_("Someone has already decided on this check-in."))
        entry.decided_by = by
        if not accept:
            entry.status = CheckIn.Status.REFUSED
            entry.save(update_fields=["status", "decided_by"])
            return entry
        place, _created = Participant.objects.get_or_create(
            activity=occurrence.activity,
            student=entry.student,
            defaults={"status": Participant.Status.PLACED, "source": Participant.Source.WALK_IN},
        )
        if place.status != Participant.Status.PLACED:
            place.status, place.left_at = Participant.Status.PLACED, None
            place.full_clean()
            place.save()
        entry.status = CheckIn.Status.ACCEPTED
        entry.save(update_fields=["status", "decided_by"])
        _attendance_from_check_in(occurrence, entry.student, checked_in_at=entry.checked_in_at, by=by)
        return entry


# --- Kiosks and personal codes ---


def kiosk_open(*, activity, by) -> tuple[KioskToken, str]:
    """A kiosk for ``activity``: returns the row and its token, shown once (only its digest is kept)."""
    if activity.is_cancelled:
        raise ValidationError(_("This activity was cancelled."))
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        kiosk = KioskToken(activity=activity, digest=token_digest(token), created_by=by)
        kiosk.full_clean()
        kiosk.save()
    return kiosk, token


def kiosk_revoke(*, kiosk: KioskToken) -> KioskToken:
    with transaction.atomic():
        kiosk = KioskToken.objects.select_for_update().get(pk=kiosk.pk)
        if kiosk.revoked_at is None:
            kiosk.revoked_at = timezone.now()
            kiosk.save(update_fields=["revoked_at"])
    return kiosk


def _code_digest(student, code: str) -> str:
    # The student's id salts the digest, so two students with the same short code do not share a digest.
    return token_digest(f"{student.pk}:{code}")


def check_in_code_reset(*, student) -> str:
    """A new personal code for ``student`` (the old one stops working). Returns the code, shown once."""
    code = "".join(secrets.choice("0123456789") for _i in range(CODE_DIGITS))
    with transaction.atomic():
        CheckInCode.objects.update_or_create(student=student, defaults={"digest": _code_digest(student, code)})
    return code


def check_in_code_matches(*, student, code: str) -> bool:
    stored = CheckInCode.objects.filter(student=student).values_list("digest", flat=True).first()
    if not stored or not code:
        return False
    return hmac.compare_digest(stored, _code_digest(student, code.strip()))
