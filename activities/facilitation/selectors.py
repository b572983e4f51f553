"""The read side of facilitation: the focus students of an occurrence, the logs of an occurrence or an activity,
suggestions for a student, and a focus student's timeline for the support team. Every page reads through these, in a
fixed number of queries whatever the number of logs."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from recruitment.selectors import first_pairing_date
from schools.dates import school_today
from schools.models import IEPGoal, Student, Term
from schools.permissions import has_permission

from ..attendance.selectors import PRESENT_STATUSES, expected_students
from ..attendance.selectors import occurrence_queryset as attendance_occurrence_queryset
from ..guide_strategies import STRATEGY_KEYS, STRATEGY_PLAIN, STRATEGY_WORDING
from ..models import ADULT_SUPPORT_LEVEL, Activity, Attendance, FacilitationLog, Occurrence, SupportChange
from .series import LogPoint, Week, weekly_series

# A strategy is suggested once it was used in at least this many rated logs.
SUGGESTION_MINIMUM = 2
SUGGESTION_LIMIT = 3
RECENT_LOGS = 100


def occurrence_queryset(*, access):
    """Occurrences a staff page may open: the active school's only (another school's is a 404)."""
    return attendance_occurrence_queryset(access=access)


def activity_queryset(*, access):
    return Activity.objects.visible_to(access).select_related("program", "term")


def focus_students(*, occurrence: Occurrence) -> list[Student]:
    """The focus students placed in the occurrence's activity on its date (the people a log can be about)."""
    return [s for s in expected_students(occurrence=occurrence) if s.is_focus_student]


def focus_student_ids(*, occurrence: Occurrence) -> set[int]:
    return set(expected_students(occurrence=occurrence).filter(kind=Student.Kind.FOCUS).values_list("pk", flat=True))


def student_goals(*, student):
    return IEPGoal.objects.filter(student=student).order_by("domain", "pk")


def sensitive_student_ids(*, access, student_ids) -> set[int]:
    """Which of these students' confidential records (IEP goals) this person may see: everyone of the school for the
    school-wide roles, else the students whose support team they are on. One query at most (the same rule as
    ``schools.permissions.can_view_sensitive``)."""
    ids = {pk for pk in student_ids if pk}
    if not ids or not access.is_authenticated or access.school is None:
        return set()
    students = Student.objects.filter(pk__in=ids, school=access.school)
    if has_permission(access, "view_student_sensitive"):
        return set(students.values_list("pk", flat=True))
    if not has_permission(access, "view_facilitation"):
        return set()
    return set(students.filter(support_team=access.user).values_list("pk", flat=True))


def _logs():
    return FacilitationLog.objects.select_related("student", "logged_by", "occurrence__activity").prefetch_related(
        Prefetch("goals_practised", queryset=IEPGoal.objects.order_by("domain", "pk"))
    )


def own_log(*, occurrence: Occurrence, student, by) -> FacilitationLog | None:
    return _logs().filter(occurrence=occurrence, student=student, logged_by=by).first()


def occurrence_logs(*, occurrence: Occurrence):
    return _logs().filter(occurrence=occurrence).order_by("student__first_name", "-updated_at")


def activity_logs(*, activity: Activity, limit: int = RECENT_LOGS) -> list[FacilitationLog]:
    return list(_logs().filter(occurrence__activity=activity).order_by("-occurrence__date", "-updated_at")[:limit])


@dataclass(frozen=True)
class LogLine:
    """A log as a page shows it: plain strategy labels, and the goals only for those who may see them."""

    log: FacilitationLog
    strategies: list[str]
    goals: list[IEPGoal] | None  # None: not shown to this person


def log_lines(logs, *, access) -> list[LogLine]:
    logs = list(logs)
    sensitive = sensitive_student_ids(access=access, student_ids={log.student_id for log in logs})
    return [
        LogLine(
            log=log,
            strategies=[STRATEGY_PLAIN[key] for key in log.strategies if key in STRATEGY_PLAIN],
            goals=list(log.goals_practised.all()) if log.student_id in sensitive else None,
        )
        for log in logs
    ]


# --- A focus student's term ---


def student_terms(*, student) -> list[Term]:
    return list(Term.objects.filter(school_id=student.school_id).order_by("-start_date", "end_date"))


def current_term(terms: list[Term], today: datetime.date) -> Term | None:
    """The shortest term going on today (the semester rather than the year), else the one that began last."""
    current = [t for t in terms if t.start_date <= today <= t.end_date]
    if current:
        return min(current, key=lambda t: t.end_date - t.start_date)
    begun = [t for t in terms if t.start_date <= today]
    return max(begun, key=lambda t: t.start_date) if begun else (terms[0] if terms else None)


def student_logs(*, student, start: datetime.date, end: datetime.date):
    """The logs about ``student`` between ``start`` and ``end``: the logs kept for them, and the group logs (no
    student) of every occurrence they were present at (present, late or left early): a group log counts for each
    focus student who was there. Oldest first."""
    present_at = Attendance.objects.filter(student=student, status__in=PRESENT_STATUSES).values("occurrence_id")
    return (
        _logs()
        .filter(occurrence__date__range=(start, end))
        .filter(Q(student=student) | Q(student=None, occurrence_id__in=present_at))
        .order_by("occurrence__date", "occurrence__starts_at", "pk")
    )


def log_points(logs) -> list[LogPoint]:
    return [
        LogPoint(
            date=log.occurrence.date,
            support_level=ADULT_SUPPORT_LEVEL[log.adult_support],
            by_student=log.initiations_by_student,
            by_peers=log.initiations_by_peers,
            quality=log.interaction_quality,
        )
        for log in logs
    ]


@dataclass(frozen=True)
class Suggestion:
    key: str
    wording: str
    plain: str
    average: float
    count: int

    @property
    def sentence(self) -> str:
        action = self.plain[:1].lower() + self.plain[1:]
        return f"When adults {action}, interactions were rated {self.average:g} of 4 on average ({self.count} times)."


def rank_strategies(logs, *, minimum: int = SUGGESTION_MINIMUM, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """The strategies of the rated logs ranked by the average quality of the logs that used them (at least
    ``minimum`` logs), ties broken by how often, then by the guide's order. Pure: ``logs`` are any objects with
    ``strategies`` and ``interaction_quality``."""
    ratings: dict[str, list[int]] = defaultdict(list)
    for log in logs:
        if log.interaction_quality is None:
            continue
        for key in set(log.strategies):
            if key in STRATEGY_WORDING:
                ratings[key].append(log.interaction_quality)
    order = {key: index for index, key in enumerate(STRATEGY_KEYS)}
    ranked = [
        Suggestion(
            key=key,
            wording=STRATEGY_WORDING[key],
            plain=STRATEGY_PLAIN[key],
            average=round(sum(values) / len(values), 1),
            count=len(values),
        )
        for key, values in ratings.items()
        if len(values) >= minimum
    ]
    ranked.sort(key=lambda s: (-s.average, -s.count, order[s.key]))
    return ranked[:limit]


def strategy_suggestions(*, student, term: Term | None, minimum: int = SUGGESTION_MINIMUM) -> list[Suggestion]:
    """The strategies logged with the best interaction quality for ``student`` in ``term`` (the whole record without
    a term), in plain words: one query."""
    start, end = (term.start_date, term.end_date) if term else (datetime.date.min, datetime.date.max)
    logs = student_logs(student=student, start=start, end=end).prefetch_related(None).select_related(None)
    return rank_strategies(logs.only("strategies", "interaction_quality"), minimum=minimum)


@dataclass
class Timeline:
    term: Term | None
    activities: list[Activity] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    logs: list[FacilitationLog] = field(default_factory=list)
    weeks: list[Week] = field(default_factory=list)
    changes: list[SupportChange] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    # Where peer support started when nobody recorded it: the first confirmed pairing's day (from matching).
    paired_on: datetime.date | None = None

    @property
    def attended(self) -> int:
        """Times the student was there (present, late or left early) this term."""
        return sum(1 for row in self.attendance if row.minutes)

    @property
    def minutes_attended(self) -> int:
        return sum(row.minutes for row in self.attendance)

    @property
    def markers(self) -> list[tuple[datetime.date, str]]:
        """The charts' vertical lines: every recorded change, and the first pairing unless a start was recorded."""
        lines = [(change.date, change.what) for change in self.changes]
        if self.paired_on is not None:
            lines.append((self.paired_on, str(PAIRED_LABEL)))
        return sorted(lines, key=lambda line: line[0])


PAIRED_LABEL = _("Paired with a peer partner")


def student_timeline(*, student, term: Term | None) -> Timeline:
    """Everything the timeline shows for ``term``, in a fixed number of queries (activities, attendance, logs with
    their goals, support changes)."""
    if term is None:
        return Timeline(term=None, changes=list(SupportChange.objects.filter(student=student)))
    start, end = term.start_date, term.end_date
    activities = list(
        Activity.objects.filter(participants__student=student, occurrences__date__range=(start, end))
        .select_related("program")
        .distinct()
        .order_by("title", "pk")
    )
    attendance = list(
        Attendance.objects.filter(student=student, occurrence__date__range=(start, end))
        .select_related("occurrence__activity")
        .order_by("occurrence__date", "occurrence__starts_at")
    )
    logs = list(student_logs(student=student, start=start, end=end))
    changes = list(SupportChange.objects.filter(student=student).select_related("added_by").order_by("date", "pk"))
    recorded_start = any(change.kind == SupportChange.Kind.PEER_SUPPORT_STARTED for change in changes)
    return Timeline(
        paired_on=None if recorded_start else first_pairing_date(focus_student=student),
        term=term,
        activities=activities,
        attendance=attendance,
        logs=logs,
        weeks=weekly_series(log_points(logs), start=start, end=end),
        changes=changes,
        suggestions=rank_strategies(logs),
    )


def today_for(student) -> datetime.date:
    return school_today(student.school)
