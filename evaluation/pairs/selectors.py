"""Pair health, the read side: a student's own pairs and their check-ins, a program's pairs with their months and
flags, the open match problems, and milestones. Every query is scoped: a student reaches only the pairs they are in
and only their own side's check-ins; staff reach rows through ``.visible_to(access)`` or a program resolved that way.

"Did not meet" is read from the check-ins only: ``activities.selectors`` offers attendance totals per student and
term (minutes, how many different peers), not whether two given students attended together in a given month.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from programs.selectors import program_queryset, program_terms, school_programs
from recruitment import selectors as recruitment_selectors
from schools.dates import school_today, school_zone
from schools.models import Role, Student, Term
from schools.peer_safe import shared_name
from schools.permissions import can_view_sensitive
from schools.selectors import own_student_record

from ..models import PairCheckIn, SurveyResponse

Side = PairCheckIn.Side

# The pair health page shows this month and the months before it.
MONTHS_SHOWN = 3


def month_of(day: datetime.date) -> datetime.date:
    """The first day of the month holding ``day`` (a check-in's month)."""
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter: Jan 31 + 1 month is Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def this_month(school) -> datetime.date:
    return month_of(school_today(school))


def side_of(student) -> str:
    return Side.PEER if student.kind == Student.Kind.PEER else Side.FOCUS_STUDENT


def partner_of(pair, student):
    return pair.focus_student if pair.peer_id == student.pk else pair.peer


def _distinct_pairs(matches) -> list:
    """One match per pair (a pair confirmed in a semester and in its school year has two)."""
    seen, pairs = set(), []
    for match in matches:
        key = (match.program_id, match.peer_id, match.focus_student_id)
        if key not in seen:
            seen.add(key)
            pairs.append(match)
    return pairs


def own_pairs(*, student, on: datetime.date | None = None) -> list:
    """The student's confirmed pairs of the terms running today, every program of their school (one query)."""
    if student is None:
        return []
    return _distinct_pairs(recruitment_selectors.student_confirmed_pairs(student=student, on=on))


# --- The student's own check-in page -----------------------------------------------------------------------------


@dataclass
class PairCard:
    pair: object  # the Match
    partner: object
    partner_name: str
    check_in: PairCheckIn | None  # this month's, from this side
    past: list = field(default_factory=list)  # this side's earlier months, newest first

    @property
    def locked(self) -> bool:
        """Staff followed it up: the check-in they answered stays as it was."""
        return self.check_in is not None and self.check_in.followed_up_at is not None


def own_check_ins(*, student, pairs, side: str):
    """``side``'s check-ins about the given pairs of ``student`` (only pairs the student is in; one query)."""
    if not pairs:
        return PairCheckIn.objects.none()
    own = PairCheckIn.objects.filter(side=side, program__school_id=student.school_id)
    own = own.filter(peer=student) if side == Side.PEER else own.filter(focus_student=student)
    return own.filter(program_id__in={p.program_id for p in pairs}).order_by("-month", "pk")


def pair_cards(*, student, month: datetime.date, side: str, pairs=None) -> list[PairCard]:
    """For each of the student's pairs: this month's check-in from ``side`` and the earlier ones (two queries)."""
    pairs = own_pairs(student=student) if pairs is None else pairs
    check_ins = list(own_check_ins(student=student, pairs=pairs, side=side))
    cards = []
    for pair in pairs:
        mine = [
            c
            for c in check_ins
            if (c.program_id, c.peer_id, c.focus_student_id) == (pair.program_id, pair.peer_id, pair.focus_student_id)
        ]
        partner = partner_of(pair, student)
        cards.append(
            PairCard(
                pair=pair,
                partner=partner,
                partner_name=shared_name(partner),
                check_in=next((c for c in mine if c.month == month), None),
                past=[c for c in mine if c.month < month],
            )
        )
    return cards


def may_check_in_with(access, student) -> bool:
    """Staff enter a focus student's check-in with them: the coordinator, or staff who may read the student's
    confidential record (school-wide roles, the student's support team)."""
    if student is None or student.kind != Student.Kind.FOCUS:
        return False
    return Role.COORDINATOR in access.roles or can_view_sensitive(access, student)


def supported_student_queryset(*, access):
    """Focus students of the active school (a staff page resolving one by id; the object rule is
    ``may_check_in_with``)."""
    return Student.objects.visible_to(access).filter(kind=Student.Kind.FOCUS)


# --- Staff: a program's pair health -------------------------------------------------------------------------------


def pair_health_program_queryset(*, access):
    return program_queryset(access=access)


def pair_health_term(*, program) -> Term | None:
    """The program's term running today (the shortest first), else its latest."""
    terms = program_terms(program=program)
    today = school_today(program.school)
    return terms.current(today).first() or terms.order_by("-end_date").first()


@dataclass
class PairMonth:
    month: datetime.date
    by_side: dict  # side -> PairCheckIn

    @property
    def sides(self) -> list:
        return [self.by_side.get(side) for side in Side.values]

    @property
    def did_not_meet(self) -> bool:
        return any(c.meetings == PairCheckIn.Meetings.NONE for c in self.by_side.values())


@dataclass
class PairRow:
    pair: object
    started: datetime.date | None
    months: list  # PairMonth, this month first
    open_problems: list
    did_not_meet: bool  # a past month's check-in says they did not meet
    no_check_in_last_month: bool
    exit_offered: bool

    @property
    def flagged(self) -> bool:
        return bool(self.open_problems or self.did_not_meet or self.no_check_in_last_month)


def _start_date(value, school) -> datetime.date | None:
    if value is None:
        return None
    return value.astimezone(school_zone(school)).date()


def pair_health(*, program, term, month: datetime.date) -> list[PairRow]:
    """Each confirmed pair of ``term``, this month and the ``MONTHS_SHOWN - 1`` before it from each side, and its
    flags. Four queries whatever the number of pairs (the pairs, their check-ins, when each pair began, the exit
    responses)."""
    pairs = _distinct_pairs(recruitment_selectors.confirmed_pairs(program=program, term=term)) if term else []
    months = [add_months(month, -n) for n in range(MONTHS_SHOWN)]
    last_month = months[1]
    check_ins = list(PairCheckIn.objects.filter(program=program, month__gte=months[-1]).select_related("entered_by"))
    by_pair: dict = {}
    for check_in in check_ins:
        by_pair.setdefault((check_in.peer_id, check_in.focus_student_id), []).append(check_in)
    starts = recruitment_selectors.pair_start_dates(program=program)
    exits = set(
        SurveyResponse.objects.filter(program=program, window=None, survey__starter="exit_peer").values_list(
            "student_id", "partner_id"
        )
    )
    rows = []
    for pair in pairs:
        key = (pair.peer_id, pair.focus_student_id)
        own = by_pair.get(key, [])
        pair_months = [PairMonth(m, {c.side: c for c in own if c.month == m}) for m in months]
        started = _start_date(starts.get(key), program.school)
        rows.append(
            PairRow(
                pair=pair,
                started=started,
                months=pair_months,
                open_problems=[c for c in own if c.needs_follow_up],
                did_not_meet=any(pm.did_not_meet for pm in pair_months[1:]),
                # Only a pair that was together before last month ended owed a check-in for it.
                no_check_in_last_month=(
                    started is not None and started < month and not any(c.month == last_month for c in own)
                ),
                exit_offered=key in exits,
            )
        )
    return rows


def check_in_queryset(*, access):
    """Check-ins of the active school's programs, for a staff page resolving one by id."""
    return PairCheckIn.objects.visible_to(access).select_related(
        "program", "peer", "focus_student", "entered_by", "followed_up_by"
    )


def open_problems(*, access, limit: int = 20):
    """Match problems nobody has followed up yet, oldest first (one query)."""
    return (
        PairCheckIn.objects.visible_to(access)
        .filter(match_problem=True, followed_up_at=None)
        .select_related("program", "peer", "focus_student")
        .order_by("created_at", "pk")[:limit]
    )


def follow_up_panel(access) -> dict:
    """The dashboard panel "Pairs needing a follow-up", and the links to each program's pair health (two queries)."""
    if access.school is None:
        return {"problems": [], "programs": []}
    return {
        "problems": list(open_problems(access=access)),
        "programs": list(school_programs(school=access.school).order_by("name")),
    }


# --- Milestones -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    reached_on: datetime.date


# How long a milestone shows on the dashboard after it is reached.
MILESTONE_SHOWN_DAYS = 30


def milestones(started: datetime.date) -> list[Milestone]:
    """A pair's milestones from the day it began: one month, one semester (four and a half months, about a
    semester's length) and one year together."""
    return [
        Milestone("month", _("one month together"), add_months(started, 1)),
        Milestone("semester", _("one semester together"), add_months(started, 4) + datetime.timedelta(days=15)),
        Milestone("year", _("one year together"), add_months(started, 12)),
    ]


def recent_milestone(started: datetime.date | None, today: datetime.date) -> Milestone | None:
    """The latest milestone reached in the last ``MILESTONE_SHOWN_DAYS`` days, or None."""
    if started is None:
        return None
    reached = [m for m in milestones(started) if 0 <= (today - m.reached_on).days < MILESTONE_SHOWN_DAYS]
    return reached[-1] if reached else None


def my_partner_panel(access) -> dict:
    """The peer's (and student's) dashboard panel "My partner": for each pair, whether this month's check-in is done
    and a milestone reached lately ("You and Noah: one month together!"). Empty without pairs, so it does not show.
    Three queries plus one per program the student is paired in (its pairs' start dates)."""
    student = own_student_record(access=access)
    pairs = own_pairs(student=student)
    if not pairs:
        return {"pairs": []}
    today = school_today(student.school)
    month = month_of(today)
    side = side_of(student)
    done = {
        (c.program_id, c.peer_id, c.focus_student_id)
        for c in own_check_ins(student=student, pairs=pairs, side=side).filter(month=month)
    }
    starts: dict = {}
    for program_id in {p.program_id for p in pairs}:
        program = next(p.program for p in pairs if p.program_id == program_id)
        starts[program_id] = recruitment_selectors.pair_start_dates(program=program)
    rows = []
    for pair in pairs:
        key = (pair.peer_id, pair.focus_student_id)
        started = _start_date(starts[pair.program_id].get(key), student.school)
        partner = partner_of(pair, student)
        rows.append(
            {
                "pair": pair,
                "partner_name": shared_name(partner),
                "checked_in": (pair.program_id, *key) in done,
                "milestone": recent_milestone(started, today),
            }
        )
    return {"pairs": rows, "month": month}


def student_pairs_section(access, student) -> dict | None:
    """The student page's "Pair health" section: the student's confirmed pairs, to flag a match problem (any
    staff) or check in with a focus student (who may). None without pairs."""
    if access.school is None or student.school_id != access.school.pk:
        return None
    pairs = own_pairs(student=student)
    if not pairs:
        return None
    return {"pairs": pairs, "may_check_in_with": may_check_in_with(access, student)}
