"""The read side of goal attainment scaling. Scales come from IEP goals, so a student's scales are read only where
that student's confidential record may be read (``schools.permissions.can_view_sensitive``), and every look is
written to the access log (``log_scale_views``)."""

import datetime
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Prefetch

from programs.selectors import active_participants, program_queryset, program_terms
from schools.models import AccessLogEntry, IEPGoal, Role, Student
from schools.permissions import STAFF_ROLES, can_view_sensitive, has_permission

from ..models import GoalRating, GoalScale, RatingPoint
from .tscore import TScore, t_score

# What the access log names when someone reads a student's scales.
SCALES_LOGGED_AS = "goal attainment scales (from IEP goals)"
# End-of-term ratings open this many days before the term's last day.
END_RATING_DAYS = 28
SCALES_PER_TERM = 3
# The domains the scale form offers first: GAS here is for social and communication goals.
FIRST_DOMAINS = (IEPGoal.Domain.SOCIAL, IEPGoal.Domain.COMMUNICATION)


def goal_program_queryset(*, access):
    return program_queryset(access=access)


def terms_of(program) -> list:
    return list(program_terms(program=program).order_by("start_date", "-end_date"))


def chosen_term(terms: list, chosen: str, today: datetime.date):
    """The term picked with ``?term=`` among the program's (another value: None, the view's 404), else the one
    running today (the shortest holding it: the semester, not the school year), else the next, else the last."""
    if chosen:
        return next((t for t in terms if str(t.pk) == chosen), None)
    running = [t for t in terms if t.start_date <= today <= t.end_date]
    if running:
        return min(running, key=lambda t: (t.end_date - t.start_date, t.pk))
    coming = [t for t in terms if t.start_date > today]
    return coming[0] if coming else (terms[-1] if terms else None)


def may_view_scales(access, student) -> bool:
    return has_permission(access, "view_goal_scales") and can_view_sensitive(access, student)


def viewable_student_ids(access, students) -> set[int]:
    """The ids among ``students`` whose scales this person may read, in one query (``can_view_sensitive`` for many)."""
    ids = {s.pk for s in students}
    if not has_permission(access, "view_goal_scales"):
        return set()
    if has_permission(access, "view_student_sensitive"):
        return ids
    if not access.roles & STAFF_ROLES:
        return set()
    return set(Student.objects.filter(pk__in=ids, support_team=access.user).values_list("pk", flat=True))


def may_rate(access, scale) -> bool:
    """A scale's chosen raters rate it, and the coordinator."""
    if not has_permission(access, "rate_goals"):
        return False
    if Role.COORDINATOR in access.roles:
        return True
    return any(rater.pk == access.user.pk for rater in scale.raters.all())


def log_scale_views(*, access, students, request=None) -> None:
    """One access-log row per student whose scales were shown, written together (a page of ten students is one
    insert, like ``schools.services.record_access`` would write one by one)."""
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                school_id=student.school_id,
                student=student,
                user=access.user,
                action=AccessLogEntry.Action.VIEW,
                what=SCALES_LOGGED_AS,
                ip_address=address,
            )
            for student in students
        ]
    )


def scale_queryset(*, access):
    return (
        GoalScale.objects.visible_to(access)
        .select_related("program__school", "term", "student__school", "iep_goal", "written_by", "locked_by")
        .prefetch_related("raters", Prefetch("ratings", queryset=GoalRating.objects.select_related("rated_by")))
    )


def goal_choices(student) -> list[tuple]:
    """The student's IEP goals for the scale form: social and communication first, then the others."""
    goals = list(IEPGoal.objects.filter(student=student).order_by("pk"))
    first = [g for g in goals if g.domain in FIRST_DOMAINS]
    others = [g for g in goals if g.domain not in FIRST_DOMAINS]
    return first, others


def rating_of(scale, point: str):
    return next((r for r in scale.ratings.all() if r.point == point), None)


def _with_ratings(scales: list) -> list:
    """Each scale with ``mid`` and ``end`` (its rating at that point, or None) for the pages."""
    for scale in scales:
        scale.mid = rating_of(scale, RatingPoint.MID)
        scale.end = rating_of(scale, RatingPoint.END)
    return scales


def student_t_score(scales, point: str) -> TScore | None:
    rated = [(scale.weight, rating.level) for scale in scales if (rating := rating_of(scale, point)) is not None]
    return t_score(rated)


@dataclass
class StudentGoals:
    student: object
    scales: list
    t_mid: TScore | None = None
    t_end: TScore | None = None


@dataclass
class TermGoals:
    term: object
    scales: list
    t_mid: TScore | None = None
    t_end: TScore | None = None


@dataclass
class ProgramGoals:
    rows: list  # StudentGoals of the students this person may read, by name
    hidden: int  # focus students whose record this person may not read
    t_mid: TScore | None = None
    t_end: TScore | None = None
    mean_mid: float | None = None
    mean_end: float | None = None
    shows_program_score: bool = False
    students: list = field(default_factory=list)


def _program_scales(program, term, student_ids):
    return _with_ratings(
        list(
            GoalScale.objects.filter(program=program, term=term, student_id__in=student_ids)
            .select_related("iep_goal", "locked_by")
            .prefetch_related("raters", Prefetch("ratings", queryset=GoalRating.objects.select_related("rated_by")))
            .order_by("student_id", "pk")
        )
    )


def program_goals(*, access, program, term) -> ProgramGoals:
    """The program's focus students with their scales of ``term`` and T-scores at mid and end of term. The program's
    T-score takes every rated scale of its students as one set; it is shown only to someone who may read every focus
    student's scales (with few students it would give one student's away)."""
    students = list(active_participants(program=program, kind=Student.Kind.FOCUS).select_related("school"))
    ids = viewable_student_ids(access, students)
    scales = _program_scales(program, term, [s.pk for s in students])
    by_student: dict[int, list] = {}
    for scale in scales:
        by_student.setdefault(scale.student_id, []).append(scale)
    rows = []
    for student in students:
        if student.pk not in ids:
            continue
        own = by_student.get(student.pk, [])
        rows.append(
            StudentGoals(student, own, student_t_score(own, RatingPoint.MID), student_t_score(own, RatingPoint.END))
        )
    result = ProgramGoals(rows=rows, hidden=len(students) - len(rows), students=[r.student for r in rows])
    if result.hidden == 0:
        result.shows_program_score = True
        result.t_mid = student_t_score(scales, RatingPoint.MID)
        result.t_end = student_t_score(scales, RatingPoint.END)
        mids = [r.t_mid.value for r in rows if r.t_mid]
        ends = [r.t_end.value for r in rows if r.t_end]
        result.mean_mid = mean(mids) if mids else None
        result.mean_end = mean(ends) if ends else None
    return result


def student_goals(*, program, student) -> list[TermGoals]:
    """One student's scales in the program, by term (newest first), each term with its T-scores."""
    scales = _with_ratings(
        list(
            GoalScale.objects.filter(program=program, student=student)
            .select_related("term", "iep_goal", "written_by", "locked_by")
            .prefetch_related("raters", Prefetch("ratings", queryset=GoalRating.objects.select_related("rated_by")))
            .order_by("-term__start_date", "pk")
        )
    )
    terms: dict[int, TermGoals] = {}
    for scale in scales:
        terms.setdefault(scale.term_id, TermGoals(scale.term, []))
        terms[scale.term_id].scales.append(scale)
    for row in terms.values():
        row.t_mid = student_t_score(row.scales, RatingPoint.MID)
        row.t_end = student_t_score(row.scales, RatingPoint.END)
    return list(terms.values())


def program_student(*, program, pk: int):
    """A focus student of the program's school taking part in it now, or with scales in it; else None (a 404)."""
    student = (
        Student.objects.filter(school_id=program.school_id, kind=Student.Kind.FOCUS, pk=pk)
        .select_related("school")
        .first()
    )
    if student is None:
        return None
    taking_part = active_participants(program=program, kind=Student.Kind.FOCUS).filter(pk=pk).exists()
    if taking_part or GoalScale.objects.filter(program=program, student=student).exists():
        return student
    return None


def latest_scales(*, student) -> tuple[list, TScore | None, object]:
    """The student's scales of their latest term with scales (any program), and that term's latest T-score (end of
    term when rated, else mid-term): for the student page."""
    scales = list(
        GoalScale.objects.filter(student=student)
        .select_related("program", "term")
        .prefetch_related("ratings")
        .order_by("-term__start_date", "program_id", "pk")
    )
    if not scales:
        return [], None, None
    first = scales[0]
    latest = [s for s in scales if (s.term_id, s.program_id) == (first.term_id, first.program_id)]
    score = student_t_score(latest, RatingPoint.END)
    point = RatingPoint.END
    if score is None:
        score, point = student_t_score(latest, RatingPoint.MID), RatingPoint.MID
    return latest, score, point


def rating_opens(term, point: str) -> datetime.date:
    """When a rating may first be given: mid-term from the term's first day; end of term from its last four weeks
    on (and after the term ended, for a late rating)."""
    if point == RatingPoint.MID:
        return term.start_date
    return term.end_date - datetime.timedelta(days=END_RATING_DAYS - 1)
