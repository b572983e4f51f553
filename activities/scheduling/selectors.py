"""Read side of scheduling: activities of the active school, one activity's page, who may be placed (and why not),
the calendar, and a peer's or focus student's own activities. Lists cost a fixed number of queries whatever their
size (counts and the next day come from subqueries)."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors
from schools.models import Period, Student
from schools.peer_readiness import peer_readiness_for
from schools.peer_safe import shared_name

from ..models import Activity, Kind, Occurrence, Participant

PLACED = Participant.Status.PLACED
WAITLISTED = Participant.Status.WAITLISTED
# Unified sports: athletes and partners "in about equal numbers"; a difference above this share of the team is said.
UNIFIED_BALANCE_SHARE = 0.25


def _counted(queryset):
    return queryset.annotate(
        placed_count=Count("participants", filter=Q(participants__status=PLACED), distinct=True),
        waitlisted_count=Count("participants", filter=Q(participants__status=WAITLISTED), distinct=True),
    )


def activity_queryset(*, access):
    """The active school's activities, with what their pages show."""
    return Activity.objects.visible_to(access).select_related("program", "term", "period")


def activity_list(*, queryset, today):
    """``queryset`` (already scoped and filtered) with counts and the next day it happens, grouped by program: one
    query."""
    next_day = (
        Occurrence.objects.filter(activity=OuterRef("pk"), date__gte=today, cancelled_at=None)
        .order_by("date", "starts_at")
        .values("date")[:1]
    )
    occurrences = (
        Occurrence.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        _counted(queryset)
        .annotate(
            next_date=Subquery(next_day),
            occurrence_count=Coalesce(Subquery(occurrences, output_field=IntegerField()), 0),
        )
        .order_by("program__name", "program__pk", "cancelled_at", "first_date", "title")
    )


def period_choices(*, program):
    """The periods of the school's bell schedules in force during the program's terms (a semester without its own
    schedule keeps the school year's, as ``schools.selectors.bell_schedule_for`` does); the form checks the chosen
    term."""
    terms = list(program.terms.all())
    overlapping = Q(pk__in=[])
    for term in terms:
        overlapping |= Q(schedule__term__start_date__lte=term.end_date, schedule__term__end_date__gte=term.start_date)
    return (
        Period.objects.filter(overlapping, schedule__school=program.school)
        .select_related("schedule__term")
        .order_by("schedule__term__start_date", "schedule__name", "order")
    )


def period_in_force(*, period, term) -> bool:
    """Whether ``period``'s bell schedule is in force during ``term`` (their dates overlap)."""
    schedule_term = period.schedule.term
    return schedule_term.start_date <= term.end_date and schedule_term.end_date >= term.start_date


@dataclass
class Balance:
    """Unified sports: athletes (focus students) and partners (peers) in about equal numbers."""

    athletes: int
    partners: int

    @property
    def uneven(self) -> bool:
        total = self.athletes + self.partners
        return total > 0 and abs(self.athletes - self.partners) > max(1, total * UNIFIED_BALANCE_SHARE)


def activity_page(*, activity, today):
    """Everything an activity's page shows: its occurrences and the people taking part, waiting or gone."""
    occurrences = list(activity.occurrences.order_by("date", "starts_at"))
    participants = list(activity.participants.select_related("student").order_by("status", "joined_at", "pk"))
    placed = [p for p in participants if p.status == PLACED]
    balance = None
    if activity.kind == Kind.UNIFIED_SPORTS:
        balance = Balance(
            athletes=sum(1 for p in placed if p.student.kind == Student.Kind.FOCUS),
            partners=sum(1 for p in placed if p.student.kind == Student.Kind.PEER),
        )
    return {
        "occurrences": occurrences,
        "upcoming": [o for o in occurrences if o.date >= today],
        "past": [o for o in occurrences if o.date < today],
        "placed": placed,
        "waitlisted": [p for p in participants if p.status == WAITLISTED],
        "withdrawn": [p for p in participants if p.status == Participant.Status.WITHDRAWN],
        "balance": balance,
        "supervisors": list(activity.supervisors.order_by("last_name", "first_name")),
    }


# --- Who may be placed -------------------------------------------------------------------------------------------


def placement_check(*, activity, students) -> dict:
    """Which of ``students`` may be placed in ``activity``, and why the others may not, in words:
    ``{"allowed": [(student, readiness warning or "")], "refused": [(student, reason)]}``.

    A student must be enrolled at the program's school and taking part in the program; a peer also needs consent in
    force (``recruitment.selectors.peers_with_valid_consent``, the one consent rule) and, when the program's rule
    blocks peers not ready, every required orientation topic covered (``schools.peer_readiness``); under the "warn"
    rule a peer not ready is placed with the warning."""
    students = list(students)
    program = activity.program
    taking_part = set(program_selectors.active_participants(program=program).values_list("pk", flat=True))
    consented = set(recruitment_selectors.peers_with_valid_consent(program=program).values_list("pk", flat=True))
    peers = [s.pk for s in students if s.kind == Student.Kind.PEER]
    readiness = (peer_readiness_for(program=program, peers=peers) if peers else None) or {}
    allowed, refused = [], []
    for student in students:
        if student.school_id != program.school_id or not student.is_active:
            refused.append((student, _("Not enrolled at this school.")))
        elif student.pk not in taking_part:
            refused.append((student, _("Not taking part in the program.")))
        elif student.kind == Student.Kind.PEER and student.pk not in consented:
            refused.append((student, _("No valid consent: the guardian's consent is missing or has run out.")))
        elif student.kind == Student.Kind.PEER and student.pk in readiness and readiness[student.pk].blocks:
            refused.append(
                (
                    student,
                    _("Not ready: orientation topics still to cover (%(topics)s); the program places only ready peers.")
                    % {"topics": readiness[student.pk].missing_text},
                )
            )
        elif student.kind == Student.Kind.PEER and student.pk in readiness and not readiness[student.pk].ready:
            allowed.append(
                (
                    student,
                    _("Not ready yet: still to cover %(topics)s.") % {"topics": readiness[student.pk].missing_text},
                )
            )
        else:
            allowed.append((student, ""))
    return {"allowed": allowed, "refused": refused}


def placement_candidates(*, activity) -> dict:
    """What the participants page offers: the program's students not yet taking part or waiting (one by one), the
    confirmed pairs of the activity's term, and who cannot be placed with the reason."""
    program = activity.program
    current = set(
        activity.participants.exclude(status=Participant.Status.WITHDRAWN).values_list("student_id", flat=True)
    )
    group = [s for s in program_selectors.active_participants(program=program) if s.pk not in current]
    check = placement_check(activity=activity, students=group)
    pairs = list(recruitment_selectors.confirmed_pairs(program=program, term=activity.term))
    return {
        "allowed": check["allowed"],
        "refused": check["refused"],
        "warnings": {s.pk: w for s, w in check["allowed"] if w},
        "pairs": pairs,
        "group_size": len(group),
    }


def pair_students(*, activity) -> list:
    """The students of the confirmed pairs of the activity's term: each peer, then their partner."""
    students, seen = [], set()
    for match in recruitment_selectors.confirmed_pairs(program=activity.program, term=activity.term):
        for student in (match.peer, match.focus_student):
            if student.pk not in seen:
                seen.add(student.pk)
                students.append(student)
    return students


def group_students(*, activity) -> list:
    return list(program_selectors.active_participants(program=activity.program))


# --- The calendar ------------------------------------------------------------------------------------------------

VIEWS = ("week", "month", "list")


@dataclass
class CalendarRange:
    view: str
    day: datetime.date
    start: datetime.date
    end: datetime.date
    previous: datetime.date
    next: datetime.date


def calendar_range(*, view: str, day: datetime.date) -> CalendarRange:
    """The days a view shows around ``day``: its week (Monday to Sunday), its month, or four weeks from it."""
    if view == "week":
        start = day - datetime.timedelta(days=day.weekday())
        return CalendarRange(
            view,
            day,
            start,
            start + datetime.timedelta(days=6),
            day - datetime.timedelta(days=7),
            day + datetime.timedelta(days=7),
        )
    if view == "month":
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        previous = (start - datetime.timedelta(days=1)).replace(day=1)
        return CalendarRange(view, day, start, end, previous, end + datetime.timedelta(days=1))
    return CalendarRange(
        view,
        day,
        day,
        day + datetime.timedelta(days=27),
        day - datetime.timedelta(days=28),
        day + datetime.timedelta(days=28),
    )


def calendar_occurrences(*, access, start, end, program=None, student=None):
    """Occurrences from ``start`` to ``end`` (cancelled ones too: the calendar shows them struck through): the
    active school's, of one program when given; for a peer or focus student (``student``), only those of activities
    they take part in. One query."""
    occurrences = Occurrence.objects.visible_to(access).between(start, end).select_related("activity__program")
    if program is not None:
        occurrences = occurrences.filter(activity__program=program)
    if student is not None:
        occurrences = occurrences.filter(activity__participants__student=student, activity__participants__status=PLACED)
    return occurrences.order_by("date", "starts_at", "activity__title")


def calendar_weeks(*, rng: CalendarRange, occurrences) -> list[list[tuple[datetime.date, list]]]:
    """The month view's weeks (Monday first), each day with its occurrences (days of other months are None)."""
    by_day: dict[datetime.date, list] = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.date, []).append(occurrence)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(rng.start.year, rng.start.month):
        weeks.append([(d, by_day.get(d, [])) if d.month == rng.start.month else (None, []) for d in week])
    return weeks


def calendar_days(*, rng: CalendarRange, occurrences) -> list[tuple[datetime.date, list]]:
    """The days of the range with their occurrences (the week view: every day; the list: days that have some)."""
    by_day: dict[datetime.date, list] = {}
    for occurrence in occurrences:
        by_day.setdefault(occurrence.date, []).append(occurrence)
    if rng.view == "week":
        return [
            (rng.start + datetime.timedelta(days=n), by_day.get(rng.start + datetime.timedelta(days=n), []))
            for n in range(7)
        ]
    return sorted(by_day.items())


# --- A peer's or focus student's own page ------------------------------------------------------------------------


def own_activities(*, access, student, today):
    """What a peer's or focus student's page shows: the activities they take part in or wait for, with their
    occurrences to come, and the activities open for sign-up in the programs they take part in. Only the
    activities' own fields: never another person's data."""
    places = list(
        Participant.objects.visible_to(access)
        .filter(student=student, activity__cancelled_at=None)
        .exclude(status=Participant.Status.WITHDRAWN)
        .select_related("activity__program")
        .prefetch_related(
            Prefetch(
                "activity__occurrences",
                queryset=Occurrence.objects.filter(date__gte=today).order_by("date", "starts_at"),
                to_attr="upcoming",
            )
        )
        .order_by("activity__first_date", "activity__title")
    )
    mine = {p.activity_id for p in places}
    open_for_sign_up = list(
        _counted(
            Activity.objects.visible_to(access)
            .not_cancelled()
            .filter(sign_up_open=True, program__participants__student=student, program__participants__status="active")
            .filter(Q(last_date__gte=today) | Q(last_date=None, term__end_date__gte=today))
            .exclude(pk__in=mine)
            .select_related("program", "term")
            .distinct()
        ).order_by("first_date", "title")
    )
    return {"places": places, "open_for_sign_up": open_for_sign_up}


def own_place(*, access, student, activity_pk):
    """One of the student's own places (404 for the caller when None)."""
    return (
        Participant.objects.visible_to(access)
        .filter(student=student, activity_id=activity_pk)
        .select_related("activity__program__school")
        .first()
    )


def partner_first_name(student) -> str:
    """How a focus student is named on a peer's page: the peer-safe first name only."""
    return shared_name(student)
