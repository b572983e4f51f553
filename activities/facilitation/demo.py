"""Demo facilitation for seed_demo, through the same services the pages use (runs after the scheduling and attendance
demos, whatever activities they made; with none, it does nothing).

In the first program with shared activities and at least two focus students placed, for **two** focus students:

- a log at every past occurrence (not cancelled, not today) of the inclusive class and the lunch group they were
  present at, by the activity's supervisor, showing adult support fading over the weeks: in close proximity in the
  first third of the time, nearby in the second, faded in the last, while interactions (started by the student and by
  peers) and their quality rise; the strategies move from arranging and prompting to checking in and stepping back;
  every other log names one of the student's own IEP goals as practised;
- "Peer support started" on the first day logged, and "Paraprofessional moved to the back of the room" where adult
  support went from close to nearby;
- a group log (no student) by the coordinator on the first lunch of each week, following the same fading.

Idempotent: a log already kept by that adult for that occurrence and student is left as it is, and a change already
recorded is not added again.
"""

import datetime

from schools.dates import school_today
from schools.models import Membership, Role, Student

from ..attendance.selectors import PRESENT_STATUSES
from ..models import Activity, AdultSupport, Attendance, FacilitationLog, Kind, Occurrence, Participant, SupportChange
from . import services

STUDENTS = 2
KINDS = (Kind.INCLUSIVE_CLASS, Kind.LUNCH_GROUP)
PEER_SUPPORT = "Peer support started"
MOVED_BACK = "Paraprofessional moved to the back of the room"

EARLY = ["arrange-seating", "prompt-interactions", "show-conversations"]
MIDDLE = ["highlight-similarities", "redirect-to-students", "praise-interactions"]
LATE = ["check-in", "ask-peers-to-help", "interdependent-activities"]


def seed(*, password: str) -> str:
    activities = Activity.objects.filter(kind__in=KINDS, cancelled_at=None).select_related("program__school")
    for program in sorted({a.program for a in activities}, key=lambda p: p.pk):
        occurrences = list(
            Occurrence.objects.filter(
                activity__program=program, activity__kind__in=KINDS, activity__cancelled_at=None, cancelled_at=None
            )
            .filter(date__lt=school_today(program.school))
            .select_related("activity__program__school")
            .order_by("date", "starts_at", "pk")
        )
        if not occurrences:
            continue
        students = _focus_students(program)
        if len(students) < STUDENTS:
            continue
        return _seed_program(program, occurrences, students[:STUDENTS])
    return ""


def _focus_students(program) -> list:
    places = (
        Participant.objects.filter(
            activity__program=program,
            activity__kind__in=KINDS,
            status=Participant.Status.PLACED,
            student__kind=Student.Kind.FOCUS,
        )
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "student_id")
    )
    seen, students = set(), []
    for place in places:
        if place.student_id not in seen:
            seen.add(place.student_id)
            students.append(place.student)
    return students


def progress(day: datetime.date, first: datetime.date, last: datetime.date) -> float:
    """How far into the logged weeks ``day`` is, from 0 to 1."""
    span = (last - first).days
    return 0.0 if span <= 0 else (day - first).days / span


def support_for(p: float) -> str:
    if p < 1 / 3:
        return AdultSupport.CLOSE
    if p < 2 / 3:
        return AdultSupport.NEARBY
    return AdultSupport.FADED


def strategies_for(p: float) -> list[str]:
    return EARLY if p < 1 / 3 else MIDDLE if p < 2 / 3 else LATE


def _seed_program(program, occurrences, students) -> str:
    first, last = occurrences[0].date, occurrences[-1].date
    coordinator = _coordinator(program.school)
    present = set(
        Attendance.objects.filter(
            occurrence__in=occurrences, student__in=students, status__in=PRESENT_STATUSES
        ).values_list("occurrence_id", "student_id")
    )
    made = 0
    for student in students:
        goals = list(student.iep_goals.order_by("pk"))
        for index, occurrence in enumerate(occurrences):
            if (occurrence.pk, student.pk) not in present:
                continue
            by = occurrence.activity.supervisors.order_by("-pk").first() or coordinator
            if (
                by is None
                or FacilitationLog.objects.filter(occurrence=occurrence, student=student, logged_by=by).exists()
            ):
                continue
            p = progress(occurrence.date, first, last)
            services.facilitation_log_save(
                occurrence=occurrence,
                student=student,
                by=by,
                strategies=strategies_for(p),
                adult_support=support_for(p),
                initiations_by_student=1 + round(4 * p),
                initiations_by_peers=2 + round(5 * p),
                interaction_quality=min(4, 1 + round(3 * p + 0.2)),
                goals=[goals[index % len(goals)]] if goals and index % 2 == 0 else [],
                note="" if index % 3 else _note(support_for(p)),
            )
            made += 1
        changes = [(first, SupportChange.Kind.PEER_SUPPORT_STARTED, PEER_SUPPORT)]
        moved = next((o.date for o in occurrences if progress(o.date, first, last) >= 1 / 3), None)
        if moved:
            changes.append((moved, SupportChange.Kind.CHANGE, MOVED_BACK))
        for day, kind, what in changes:
            if not SupportChange.objects.filter(student=student, what=what).exists():
                services.support_change_add(student=student, date=day, what=what, kind=kind, by=coordinator)
    if coordinator is not None:
        weeks = set()
        for occurrence in occurrences:
            week = occurrence.date.isocalendar()[:2]
            if occurrence.activity.kind != Kind.LUNCH_GROUP or week in weeks:
                continue
            weeks.add(week)
            if FacilitationLog.objects.filter(occurrence=occurrence, student=None, logged_by=coordinator).exists():
                continue
            p = progress(occurrence.date, first, last)
            services.facilitation_log_save(
                occurrence=occurrence,
                student=None,
                by=coordinator,
                strategies=strategies_for(p)[:2],
                adult_support=support_for(p),
                initiations_by_student=2 + round(3 * p),
                initiations_by_peers=3 + round(4 * p),
                interaction_quality=min(4, 2 + round(2 * p)),
                note="The whole table: a conversation game.",
            )
            made += 1
    return f"{made} facilitation logs" if made else ""


def _note(support: str) -> str:
    return {
        AdultSupport.CLOSE: "Stayed beside the table to get the conversation going.",
        AdultSupport.NEARBY: "Moved to the next table; peers asked each other first.",
        AdultSupport.FADED: "Left the room for most of the period; the group carried on.",
    }[support]


def _coordinator(school):
    membership = Membership.objects.filter(school=school, role=Role.COORDINATOR).order_by("pk").first()
    return membership.user if membership else None
