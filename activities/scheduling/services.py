"""Write side of scheduling: activities, their occurrences, who takes part, sign-up and the waitlist.

Guarantees:
- every write locks the activity's row first (two coordinators placing the last seat, a peer signing up while
  another withdraws: the second waits and checks again), validates with ``full_clean()`` and runs in one transaction;
- a change people see (an occurrence moved or cancelled, the rest of a series cancelled, the whole activity cancelled,
  someone placed from the waitlist) queues its emails through the outbox in that transaction, each with a key naming
  the occurrence and its ``sequence`` (or the change), so sending the same form again sends nothing more;
- only peers with valid consent, and where the program's rule blocks only ready peers, are placed
  (``selectors.placement_check``); the others are refused with the reason in words.
"""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_today
from schools.services import email_queue

from ..models import Activity, Kind, Occurrence, Participant
from ..recurrence import occurrences_generate
from . import selectors

# The fields of an activity a coordinator sets on its form (the program is given by the page).
ACTIVITY_FIELDS = (
    "term",
    "kind",
    "event_type",
    "title",
    "description",
    "place",
    "inclusive_override",
    "capacity",
    "sign_up_open",
    "repeats",
    "period",
    "starts_at",
    "ends_at",
    "first_date",
    "last_date",
    "weekdays",
    "season",
    "coach_name",
    "coach_trained_on",
)
# A change of any of these changes when or where the series happens: the people taking part are told.
WHEN_FIELDS = ("repeats", "period", "starts_at", "ends_at", "first_date", "last_date", "weekdays", "place")
UNIFIED_ONLY = ("season", "coach_name", "coach_trained_on")


def _locked(activity) -> Activity:
    activity = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("program__school", "term", "period")
        .get(pk=activity.pk)
    )
    return activity


def _open(activity) -> Activity:
    activity = _locked(activity)
    if activity.is_cancelled:
        raise ValidationError(_("This activity was cancelled: nothing more can be changed."))
    return activity


# --- Who is told -------------------------------------------------------------------------------------------------


def _recipients(activity) -> list[tuple[str, str, str]]:
    """(key, first name, email) of everyone a change concerns: the placed participants who have a sign-in with an
    email (a student's own sign-in only: guardians' addresses are confidential), and the supervising staff."""
    people = []
    placed = activity.participants.placed().select_related("student__user")
    for place in placed:
        user = place.student.user
        if user is not None and user.is_active and user.email:
            people.append((f"s{place.student_id}", place.student.short_name, user.email))
    for user in activity.supervisors.filter(is_active=True).exclude(email=""):
        people.append((f"u{user.pk}", user.first_name or user.display_name, user.email))
    seen, unique = set(), []
    for key, name, email in people:
        if email.lower() not in seen:
            seen.add(email.lower())
            unique.append((key, name, email))
    return unique


def _tell(*, activity, template, key, context) -> int:
    """Queue one email per person concerned; ``key`` names the change (the outbox queues a key once)."""
    sent = 0
    for person_key, first_name, email in _recipients(activity):
        email_queue(
            template=f"activities/scheduling/emails/{template}",
            context={"first_name": first_name, "activity": activity, **context},
            to=email,
            school=activity.program.school,
            key=f"{key}:{person_key}",
        )
        sent += 1
    return sent


def _when(occurrence) -> str:
    return f"{occurrence.date:%A %B %-d}, {occurrence.starts_at:%H:%M}–{occurrence.ends_at:%H:%M}"


# --- Activities --------------------------------------------------------------------------------------------------


def _tidy(activity) -> None:
    """Clear what does not belong to the activity's kind or rule, so a field left filled when the kind or the
    repetition changed on the form is not kept."""
    if activity.kind != Kind.UNIFIED_SPORTS:
        activity.season, activity.coach_name, activity.coach_trained_on = "", "", None
    if activity.kind != Kind.INCLUSIVE_EVENT:
        activity.event_type = ""
    if activity.repeats != "weekly":
        activity.weekdays = []
    if activity.period_id:
        activity.starts_at = activity.ends_at = None


def _check_term(activity) -> None:
    if not activity.program.terms.filter(pk=activity.term_id).exists():
        raise ValidationError({"term": _("Choose one of the terms the program runs in.")})
    if activity.period_id and not selectors.period_in_force(period=activity.period, term=activity.term):
        raise ValidationError({"period": _("Choose a period of this term's bell schedule.")})


def activity_create(*, program, created_by, supervisors=(), **fields) -> tuple[Activity, int]:
    """Plan an activity of ``program`` and generate its occurrences (the school's non-school days skipped).
    Returns the activity and how many occurrences it has."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        activity = Activity(program=program, created_by=created_by, **fields)
        _tidy(activity)
        activity.full_clean()
        _check_term(activity)
        activity.save()
        activity.supervisors.set(supervisors)
        result = occurrences_generate(activity=activity)
        if not result["created"]:
            raise ValidationError(
                {"first_date": _("No school day falls on this rule between the first and last day: check the days.")}
            )
    return activity, len(result["created"])


def activity_update(*, activity, supervisors, **fields) -> dict:
    """Change an activity. When its rule, times or place change, the occurrences follow (days already past, days
    changed on their own and days with attendance are kept) and the people taking part get one email saying what
    it is now. Returns occurrences_generate's result and ``sent``."""
    with transaction.atomic():
        activity = _open(activity)
        before = {name: getattr(activity, name) for name in WHEN_FIELDS}
        for name, value in fields.items():
            if name not in ACTIVITY_FIELDS:
                raise TypeError(f"Unknown activity field: {name}")
            setattr(activity, name, value)
        _tidy(activity)
        activity.full_clean()
        _check_term(activity)
        activity.save()
        activity.supervisors.set(supervisors)
        result = occurrences_generate(activity=activity)
        after = {name: getattr(activity, name) for name in WHEN_FIELDS}
        today = school_today(activity.program.school)
        if before["place"] != after["place"]:
            # Occurrences without a place of their own take the activity's: a new place is a change people see.
            moved = activity.occurrences.filter(date__gte=today, is_changed=False, place="", cancelled_at=None)
            for occurrence in moved:
                occurrence.sequence += 1
                occurrence.save(update_fields=["sequence", "updated_at"])
        sent = 0
        if before != after:
            upcoming = list(activity.occurrences.not_cancelled().filter(date__gte=today).order_by("date")[:5])
            state = "|".join(f"{name}={after[name]}" for name in WHEN_FIELDS)
            digest = hashlib.sha256(state.encode()).hexdigest()[:16]
            sent = _tell(
                activity=activity,
                template="series_changed",
                key=f"activity-series:{activity.pk}:{digest}",
                context={
                    "upcoming": [(_when(o), o.where) for o in upcoming],
                    "removed": [_when(o) for o in result["removed"] if o.date >= today],
                },
            )
    return {**result, "sent": sent}


def activity_cancel(*, activity, reason: str, cancelled_by) -> int:
    """Cancel a whole activity: it and its occurrences still to come are cancelled with the reason (past ones and
    their attendance are kept); everyone taking part and the supervisors are told once. Returns emails queued."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is cancelled: the people taking part are told.")})
    with transaction.atomic():
        activity = _open(activity)
        now = timezone.now()
        today = school_today(activity.program.school)
        activity.cancelled_at = now
        activity.save(update_fields=["cancelled_at", "updated_at"])
        for occurrence in activity.occurrences.filter(date__gte=today, cancelled_at=None):
            occurrence.cancelled_at, occurrence.cancel_reason = now, reason[:300]
            occurrence.sequence += 1
            occurrence.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
        return _tell(
            activity=activity,
            template="activity_cancelled",
            key=f"activity-cancelled:{activity.pk}",
            context={"reason": reason},
        )


# --- Occurrences -------------------------------------------------------------------------------------------------


def _locked_occurrence(occurrence) -> tuple[Activity, Occurrence]:
    activity = _open(occurrence.activity)
    occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
    occurrence.activity = activity
    if occurrence.is_cancelled:
        raise ValidationError(_("This occurrence was already cancelled."))
    return activity, occurrence


def occurrence_change(*, occurrence, date, starts_at, ends_at, place) -> tuple[Occurrence, int]:
    """Move one occurrence (another day, time or place). Its SEQUENCE rises once and the people concerned get one
    email saying what changed; saving the same values again changes and sends nothing. Returns the occurrence and
    how many emails were queued."""
    with transaction.atomic():
        activity, occurrence = _locked_occurrence(occurrence)
        today = school_today(activity.program.school)
        if occurrence.date < today:
            raise ValidationError(_("This occurrence is past: it can no longer be moved."))
        if date < today:
            raise ValidationError({"date": _("Choose a day from today on.")})
        place = (place or "").strip()
        was = {
            "date": occurrence.date,
            "starts_at": occurrence.starts_at,
            "ends_at": occurrence.ends_at,
            "place": occurrence.where,
        }
        now = {"date": date, "starts_at": starts_at, "ends_at": ends_at, "place": place or activity.place}
        if was == now:
            return occurrence, 0
        before = _when(occurrence)
        occurrence.date, occurrence.starts_at, occurrence.ends_at = date, starts_at, ends_at
        occurrence.place = place if place != activity.place else ""
        occurrence.is_changed = True
        occurrence.sequence += 1
        occurrence.full_clean()
        occurrence.save()
        changes = []
        if (was["date"], was["starts_at"], was["ends_at"]) != (date, starts_at, ends_at):
            changes.append(_("When: %(before)s, now %(after)s") % {"before": before, "after": _when(occurrence)})
        if was["place"] != now["place"]:
            changes.append(
                _("Where: %(before)s, now %(after)s") % {"before": was["place"] or "—", "after": now["place"] or "—"}
            )
        sent = _tell(
            activity=activity,
            template="occurrence_changed",
            key=f"activity-occurrence:{occurrence.pk}:{occurrence.sequence}:changed",
            context={"occurrence": occurrence, "when": _when(occurrence), "changes": changes},
        )
    return occurrence, sent


def occurrence_cancel(*, occurrence, reason: str) -> int:
    """Cancel one occurrence with the reason; the people concerned are told once. Returns emails queued."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is cancelled: the people taking part are told.")})
    with transaction.atomic():
        activity, occurrence = _locked_occurrence(occurrence)
        occurrence.cancelled_at, occurrence.cancel_reason = timezone.now(), reason[:300]
        occurrence.sequence += 1
        occurrence.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
        return _tell(
            activity=activity,
            template="occurrence_cancelled",
            key=f"activity-occurrence:{occurrence.pk}:{occurrence.sequence}:cancelled",
            context={"occurrences": [_when(occurrence)], "reason": reason},
        )


def series_cancel_from(*, activity, day: datetime.date, reason: str) -> tuple[int, int]:
    """Cancel every occurrence of the series from ``day`` on (those already cancelled stay as they are), with the
    reason; one email per person lists the days. Returns (occurrences cancelled, emails queued)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is cancelled: the people taking part are told.")})
    with transaction.atomic():
        activity = _open(activity)
        if day < school_today(activity.program.school):
            raise ValidationError(_("Days already past cannot be cancelled."))
        occurrences = list(
            Occurrence.objects.select_for_update().filter(activity=activity, date__gte=day, cancelled_at=None)
        )
        if not occurrences:
            return 0, 0
        now = timezone.now()
        for occurrence in occurrences:
            occurrence.cancelled_at, occurrence.cancel_reason = now, reason[:300]
            occurrence.sequence += 1
            occurrence.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
        # The key names each occurrence cancelled and its new sequence: the same cancellation is never sent twice.
        names = ",".join(f"{o.pk}.{o.sequence}" for o in sorted(occurrences, key=lambda o: o.pk))
        sent = _tell(
            activity=activity,
            template="occurrence_cancelled",
            key=f"activity-series-cancelled:{activity.pk}:{hashlib.sha256(names.encode()).hexdigest()[:16]}",
            context={"occurrences": [_when(o) for o in sorted(occurrences, key=lambda o: o.date)], "reason": reason},
        )
    return len(occurrences), sent


# --- Participants, sign-up and the waitlist ----------------------------------------------------------------------


def _place_one(activity, student, *, source, warning, placed_count) -> tuple[Participant, bool]:
    """Place (or waitlist, when full) one student already checked. Returns the row and whether it was placed."""
    full = activity.capacity is not None and placed_count >= activity.capacity
    status = Participant.Status.WAITLISTED if full else Participant.Status.PLACED
    row = Participant.objects.filter(activity=activity, student=student).first()
    if row is None:
        row = Participant(activity=activity, student=student)
    row.status, row.source, row.readiness_warning = status, source, warning[:300]
    row.joined_at, row.left_at = timezone.now(), None
    row.full_clean()
    row.save()
    return row, not full


def participants_place(*, activity, students, source) -> dict:
    """Place students in ``activity`` (from confirmed pairs, the program group, one by one or sign-up). Only those
    ``selectors.placement_check`` allows are placed; a peer not ready under a "warn" rule is placed with the
    warning kept. Beyond the capacity people go on the waitlist, in the order given. Someone already taking part or
    waiting is left as they are. Returns ``{"placed", "waitlisted", "already", "refused": [(student, reason)]}``."""
    result = {"placed": [], "waitlisted": [], "already": [], "refused": []}
    with transaction.atomic():
        activity = _open(activity)
        check = selectors.placement_check(activity=activity, students=students)
        result["refused"] = check["refused"]
        current = {p.student_id: p for p in activity.participants.exclude(status=Participant.Status.WITHDRAWN)}
        placed_count = sum(1 for p in current.values() if p.status == Participant.Status.PLACED)
        for student, warning in check["allowed"]:
            if student.pk in current:
                result["already"].append(student)
                continue
            row, placed = _place_one(activity, student, source=source, warning=warning, placed_count=placed_count)
            current[student.pk] = row
            if placed:
                placed_count += 1
                result["placed"].append(row)
            else:
                result["waitlisted"].append(row)
    return result


def sign_up(*, activity, student) -> Participant:
    """A peer or focus student signs themselves up for an activity open for sign-up: placed, or on the waitlist
    when it is full. Refused (with the reason) when sign-up is closed or the consent or readiness rule says no."""
    with transaction.atomic():
        activity = _open(activity)
        if not activity.sign_up_open:
            raise ValidationError(_("This activity is not open for sign-up."))
        if school_today(activity.program.school) > activity.until:
            raise ValidationError(_("This activity is over."))
        result = participants_place(activity=activity, students=[student], source=Participant.Source.SIGN_UP)
        if result["refused"]:
            raise ValidationError(result["refused"][0][1])
        if result["already"]:
            raise ValidationError(_("You are already signed up."))
        return (result["placed"] or result["waitlisted"])[0]


def participant_withdraw(*, participant) -> Participant | None:
    """Someone leaves an activity (they withdraw on their page, or staff take them off). When they had a place and
    the activity has a waitlist, the first person waiting takes the place and is told (outbox). Returns the person
    placed from the waitlist, if any."""
    with transaction.atomic():
        activity = _open(participant.activity)
        row = Participant.objects.select_for_update().get(pk=participant.pk)
        if row.status == Participant.Status.WITHDRAWN:
            raise ValidationError(_("They no longer take part already."))
        had_place = row.status == Participant.Status.PLACED
        row.status, row.left_at = Participant.Status.WITHDRAWN, timezone.now()
        row.save(update_fields=["status", "left_at"])
        if not had_place:
            return None
        return _promote(activity)


def _promote(activity) -> Participant | None:
    """Give free places to the first people on the waitlist, and tell each (their own sign-in's email)."""
    placed = activity.participants.placed().count()
    if activity.capacity is not None and placed >= activity.capacity:
        return None
    first = activity.participants.waitlisted().select_related("student__user").order_by("joined_at", "pk").first()
    if first is None:
        return None
    first.status = Participant.Status.PLACED
    first.save(update_fields=["status"])
    user = first.student.user
    if user is not None and user.is_active and user.email:
        today = school_today(activity.program.school)
        upcoming = activity.occurrences.not_cancelled().filter(date__gte=today).order_by("date").first()
        email_queue(
            template="activities/scheduling/emails/placed_from_waitlist",
            context={
                "first_name": first.student.short_name,
                "activity": activity,
                "next": (_when(upcoming), upcoming.where) if upcoming else None,
            },
            to=user.email,
            school=activity.program.school,
            key=f"activity-waitlist-placed:{first.pk}:{first.joined_at.timestamp():.0f}",
        )
    return first
