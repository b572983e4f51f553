"""The demo's goal attainment scaling, through the same services the pages use (runs after the programs and
recruitment demos: East's "Peer to Peer" and its focus students are known).

For Noah, Ava and Elijah: scales from their IEP goals (Noah's social goal, Ava's communication and social goals;
Elijah has neither, so his behavior goal, asking for a break with his card, is scaled as communicating a need),
written three weeks and locked one week before the term started, rated by the special educator (Ms. Jonas, also
the coordinator) and the 4th grade teacher (Ms. Morgan). Two terms tell the story:

- last spring (a semester of the previous school year, added to the program's terms: the program ran last year),
  rated at mid-term and at the end of the term, so the pages show both T-scores;
- this year's semester running today (the fall when seeded in the fall), rated at mid-term (on its midpoint, or
  today when that is still to come).

Idempotent: a scale is found by program, term, student and title; a lock is kept; rating again updates.
"""

import datetime

from programs.selectors import active_participants, school_programs
from schools.dates import school_today, school_zone
from schools.models import IEPGoal, School, Student, Term, User, calendar_school_year_start

from ..models import GoalScale, RatingPoint
from . import services

PROGRAM = "Peer to Peer"
SCHOOL = "east-elementary"

# (student's first name, IEP goal domain, weight, title, levels -2 … +2, [(spring mid, spring end, this term's mid)])
SCALES = [
    (
        "Noah",
        IEPGoal.Domain.SOCIAL,
        2,
        "Greets a classmate and takes turns in a conversation at lunch",
        (
            "Greets a classmate only when an adult prompts him; takes no turns",
            "Greets on his own; takes 1 turn, 2 of 5 days",
            "Greets and takes 3 turns at lunch, 4 of 5 days",
            "Greets and takes 4 or 5 turns, 4 of 5 days",
            "Starts conversations with several classmates on most days",
        ),
        (-1, 0, 0),
    ),
    (
        "Ava",
        IEPGoal.Domain.COMMUNICATION,
        2,
        "Uses her AAC device to request and comment during group work",
        (
            "2 requests or comments a day, each prompted",
            "5 a day, some on her own",
            "10 a day during group work",
            "15 a day, including comments to her peers",
            "20 a day, and starts exchanges with her peers",
        ),
        (0, 1, 1),
    ),
    (
        "Ava",
        IEPGoal.Domain.SOCIAL,
        1,
        "Asks a peer to play at recess with her device",
        (
            "Joins play only when a peer invites her",
            "Asks a peer once a week, with a prompt",
            "Asks a peer 3 times a week",
            "Asks a peer 4 or 5 times a week",
            "Asks every day and suggests the game",
        ),
        (-1, 0, 0),
    ),
    (
        "Elijah",
        IEPGoal.Domain.BEHAVIOR,
        1,
        "Asks for a break with his break card instead of leaving the room",
        (
            "Leaves the room without asking, most times he is overwhelmed",
            "Uses the card 1 of 5 times, with a reminder",
            "Uses the card 4 of 5 times",
            "Uses the card every time and comes back on his own",
            "Tells a peer or the teacher in words that he needs a break",
        ),
        (-1, 1, 0),
    ),
]


def seed(*, password: str) -> str:
    school = School.objects.filter(slug=SCHOOL).first()
    program = school_programs(school=school).filter(name=PROGRAM).first() if school else None
    if program is None:
        return ""
    today = school_today(school)
    current = _current_semester(school, today)
    last_spring = _last_spring(school, today)
    if current is None or current == last_spring:
        return ""  # in summer, before the school year's first semester: nothing runs to rate
    program.terms.add(last_spring)
    special_educator = User.objects.get(username="east.coordinator")
    teacher = User.objects.get(username="east.teacher")
    students = {s.first_name: s for s in active_participants(program=program, kind=Student.Kind.FOCUS)}
    made = 0
    for first_name, domain, weight, title, levels, (spring_mid, spring_end, current_mid) in SCALES:
        student = students.get(first_name)
        goal = IEPGoal.objects.filter(student=student, domain=domain).order_by("pk").first() if student else None
        if goal is None:
            continue
        for term, ratings in (
            (last_spring, [(RatingPoint.MID, spring_mid, teacher), (RatingPoint.END, spring_end, special_educator)]),
            (current, [(RatingPoint.MID, current_mid, teacher)]),
        ):
            scale = _scale(program, term, student, goal, weight, title, levels, special_educator, teacher)
            for point, level, rater in ratings:
                day = _rating_day(term, point, today)
                if day is not None:
                    services.goal_rate(scale=scale, by=rater, point=point, level=level, now=_at(school, day))
            made += 1
    return f"{made} goal attainment scales"


def _at(school, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(15, 30), tzinfo=school_zone(school))


def _current_semester(school, today):
    """The semester running today, else the last one begun (a break between terms)."""
    semesters = Term.objects.filter(school=school, kind=Term.Kind.SEMESTER)
    running = semesters.filter(start_date__lte=today, end_date__gte=today).order_by("start_date").first()
    return running or semesters.filter(start_date__lte=today).order_by("-start_date").first()


def _last_spring(school, today):
    """The spring semester of the previous school year (January to late May)."""
    year = calendar_school_year_start(today)
    term, _created = Term.objects.get_or_create(
        school=school,
        name=f"Spring {year}",
        defaults={
            "kind": Term.Kind.SEMESTER,
            "start_date": datetime.date(year, 1, 6),
            "end_date": datetime.date(year, 5, 29),
        },
    )
    return term


def _scale(program, term, student, goal, weight, title, levels, special_educator, teacher) -> GoalScale:
    scale = GoalScale.objects.filter(program=program, term=term, student=student, title=title).first()
    if scale is None:
        written = _at(program.school, term.start_date - datetime.timedelta(days=21))
        scale = services.scale_create(
            program=program,
            term=term,
            student=student,
            by=special_educator,
            iep_goal=goal,
            title=title,
            weight=weight,
            levels=dict(zip(services.LEVEL_FIELDS, levels, strict=True)),
            raters=[special_educator, teacher],
            now=written,
        )
    if not scale.is_locked:
        locked = _at(program.school, term.start_date - datetime.timedelta(days=7))
        scale = services.scale_lock(scale=scale, by=special_educator, now=locked)
    return scale


def _rating_day(term, point: str, today: datetime.date) -> datetime.date | None:
    """Mid-term on the term's midpoint (today when that is still to come); end of term a week before its last day.
    None when the day has not come."""
    if point == RatingPoint.MID:
        day = min(term.start_date + (term.end_date - term.start_date) / 2, today)
        return day if day >= term.start_date else None
    day = term.end_date - datetime.timedelta(days=7)
    return day if day <= today else None
