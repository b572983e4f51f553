"""Demo attendance for seed_demo, through the same services the pages use (runs after the scheduling demo, whatever
activities it made; with none, it does nothing):

- every past occurrence of every activity, not cancelled, has its attendance taken with the people placed: a few
  absences, a late arrival, someone who left early; older than the supervisor's 7 days, it was entered from the paper
  sheet by the coordinator, with that reason;
- today's occurrences that have begun by the time the demo is seeded: two of the people placed checked in with the QR
  code (and checked out, once it has ended), and one peer of the school who is not placed checked in as a walk-in,
  waiting for the supervisor on the attendance page.

No check-in codes are made: a code is shown once to its owner, and the demo would have to print it.
Idempotent: an occurrence whose attendance was taken is left as it is; a second check-in changes nothing.
"""

import datetime

from django.utils import timezone

from schools.dates import school_today, school_zone
from schools.models import Membership, Role, Student

from ..models import Activity, Occurrence
from . import selectors, services

PAPER_SHEET = "Entered from the supervisor's paper sheet."


def seed(*, password: str) -> str:
    taken = walk_ins = 0
    for activity in Activity.objects.not_cancelled().select_related("program__school").order_by("pk"):
        school = activity.program.school
        today = school_today(school)
        taker = activity.supervisors.order_by("pk").first() or _coordinator(school)
        if taker is None:
            continue
        occurrences = Occurrence.objects.filter(activity=activity, cancelled_at=None, date__lte=today).order_by("date")
        for index, occurrence in enumerate(occurrences):
            if occurrence.date == today:
                walk_ins += _check_ins(occurrence, school, today)
            elif occurrence.attendance_taken_at is None and _take(occurrence, index, taker):
                taken += 1
    parts = []
    if taken:
        parts.append(f"attendance at {taken} occurrences")
    if walk_ins:
        parts.append(f"{walk_ins} walk-in waiting")
    return ", ".join(parts)


def _coordinator(school):
    membership = Membership.objects.filter(school=school, role=Role.COORDINATOR).order_by("pk").first()
    return membership.user if membership else None


def _take(occurrence, index: int, taker) -> bool:
    people = list(selectors.expected_students(occurrence=occurrence))
    if not people:
        return False
    marks = {}
    # A few exceptions, spread over the term: an absence every fourth time, a late arrival every fifth, someone who
    # left early every sixth (never the whole time).
    missed = max(1, min(10, occurrence.minutes // 3))
    if index % 4 == 1:
        marks[people[0].pk] = {"status": "absent", "note": "Out sick"}
    if index % 5 == 2:
        marks[people[-1].pk] = {"status": "late", "minutes_missed": missed, "note": "Came from the nurse's office"}
    if index % 6 == 3 and len(people) > 1:
        marks[people[1].pk] = {"status": "left_early", "minutes_missed": missed, "note": "Picked up early"}
    may_correct = not services.edit_window_open(occurrence=occurrence)
    services.attendance_save(
        occurrence=occurrence, marks=marks, by=taker, may_correct=may_correct, reason=PAPER_SHEET if may_correct else ""
    )
    return True


def _check_ins(occurrence, school, today) -> int:
    """Two of the people placed check in by QR code a little before the start and check out before the end; a peer
    not placed walks in."""
    zone = school_zone(school)
    start = datetime.datetime.combine(today, occurrence.starts_at, tzinfo=zone)
    end = datetime.datetime.combine(today, occurrence.ends_at, tzinfo=zone)
    now = timezone.now()
    # Nobody checks in before the day's occurrence is about to begin: seeded at 7 a.m., the lunch group has none yet.
    if now < start - datetime.timedelta(minutes=2):
        return 0
    people = list(selectors.expected_students(occurrence=occurrence))
    for student in people[:2]:
        entry = services.check_in(occurrence=occurrence, student=student, now=start - datetime.timedelta(minutes=2))
        if entry.checked_out_at is None and now >= end - datetime.timedelta(minutes=5):
            services.check_out(occurrence=occurrence, student=student, now=end - datetime.timedelta(minutes=5))
    walker = (
        Student.objects.filter(school=school, kind=Student.Kind.PEER, is_active=True)
        .exclude(pk__in=[s.pk for s in people])
        .exclude(activity_places__activity=occurrence.activity)
        .order_by("pk")
        .first()
    )
    if walker is None:
        return 0
    entry = services.check_in(
        occurrence=occurrence, student=walker, now=min(now, start + datetime.timedelta(minutes=3))
    )
    return 1 if entry.status == entry.Status.WAITING else 0
