"""Demo activities for seed_demo (the first of the activities seeders), told in each program with confirmed pairs
(East's Peer to Peer, Putnam's Peer Connections, ...) in the term of its pairs, through the same services the pages
use:

- an inclusive class on a class period every Tuesday and Thursday, and a lunch group every school day on the lunch
  period, with the confirmed pairs;
- a club meeting every Wednesday after school, and a special-education classroom period every school day (peers
  spend one period a day there, with the students they partner; not an inclusive setting by its kind);
- a unified sports team for the season, its coach trained before it started, athletes (the focus students of the
  pairs) and partners (their peers) in about equal numbers;
- an Inclusive Schools Week assembly open for sign-up: the pairs signed up until it was full, the others wait;
- the series started three weeks ago, so some days are past (the attendance seeder takes attendance there); one day
  of the lunch group to come is cancelled with the reason.

Only peers with valid consent are placed (the services refuse the others, as on the page); a peer not yet ready
under the program's "warn" rule is placed with the warning. The community / service-learning project is the service
seeder's. Idempotent: a program that already has activities of these kinds is left as it is.
"""

import datetime

from django.core.exceptions import ValidationError

from programs.selectors import school_programs
from recruitment.selectors import confirmed_pairs
from schools.dates import school_today
from schools.models import Membership, Period, Role, School, Student
from schools.selectors import bell_schedule_for, staff_members

from ..models import Activity, EventType, Kind, Participant, Repeats
from . import services

# The series start this long before today, so their first weeks are past.
PAST_DAYS = 21
LUNCH_CANCEL_REASON = "Early dismissal for parent-teacher conferences: no lunch group today."


def seed(*, password: str) -> str:
    made = 0
    for school in School.objects.order_by("pk"):
        coordinator = _coordinator(school)
        if coordinator is None:
            continue
        for program in school_programs(school=school):
            pairs = list(confirmed_pairs(program=program).order_by("-term__start_date", "pk"))
            if not pairs:
                continue
            term = pairs[0].term
            pairs = [p for p in pairs if p.term_id == term.pk]
            if Activity.objects.filter(program=program).exclude(kind=Kind.SERVICE_LEARNING).exists():
                continue
            made += _program_activities(program, term, pairs, coordinator)
    return f"{made} shared activities" if made else ""


def _program_activities(program, term, pairs, coordinator) -> int:
    school = program.school
    today = school_today(school)
    # Inside the term even when the demo runs near its edges: three weeks past, the rest to come.
    start = max(term.start_date, min(today - datetime.timedelta(days=PAST_DAYS), term.end_date))
    schedule = bell_schedule_for(school=school, on=start) or bell_schedule_for(school=school, on=today)
    if schedule is None:
        return 0
    periods = list(schedule.periods.order_by("order"))
    lunch = next((p for p in periods if p.kind == Period.Kind.LUNCH), None)
    classes = [p for p in periods if p.kind == Period.Kind.CLASS]
    if lunch is None or len(classes) < 2:
        return 0
    staff = [u for u in staff_members(school=school) if u.pk != coordinator.pk]
    supervisors = [coordinator, *staff[:1]]
    peers = _unique([p.peer for p in pairs])
    partners = _unique([p.focus_student for p in pairs])
    everyone = _unique([s for p in pairs for s in (p.peer, p.focus_student)])

    def plan(**fields):
        activity, _days = services.activity_create(
            program=program, created_by=coordinator, supervisors=supervisors, term=term, first_date=start, **fields
        )
        return activity

    inclusive_class = plan(
        kind=Kind.INCLUSIVE_CLASS,
        title=f"{classes[0].name} with peer support",
        description="Peers in the same class share materials, work on group projects and encourage their partner's "
        "contributions to the discussion.",
        place="Room 12",
        repeats=Repeats.WEEKLY,
        weekdays=[1, 3],
        period=classes[0],
    )
    lunch_group = plan(
        kind=Kind.LUNCH_GROUP,
        title="Lunch bunch",
        description="Lunch together at the program's tables, with a conversation game on Fridays.",
        place="Cafeteria, tables 4 and 5",
        repeats=Repeats.DAILY,
        period=lunch,
    )
    club = plan(
        kind=Kind.CLUB_MEETING,
        title="Art club",
        description="An after-school club open to every student; peers support their partners' participation.",
        place="Art room",
        repeats=Repeats.WEEKLY,
        weekdays=[2],
        starts_at=datetime.time(15, 0),
        ends_at=datetime.time(16, 0),
    )
    team = plan(
        kind=Kind.UNIFIED_SPORTS,
        title="Unified basketball",
        description="Practices on Mondays and Thursdays; a game against another school's unified team each month.",
        place="Gym",
        repeats=Repeats.WEEKLY,
        weekdays=[0, 3],
        starts_at=datetime.time(15, 15),
        ends_at=datetime.time(16, 15),
        season=f"Winter {start.year}",
        coach_name=coordinator.get_full_name() or coordinator.username,
        coach_trained_on=term.start_date - datetime.timedelta(days=10),
    )
    classroom = plan(
        kind=Kind.SPECIAL_EDUCATION_PERIOD,
        title="Peer period in the learning center",
        description="Peers complete group activities with the students, assist with assignments and practise new "
        "skills together.",
        place="Learning center",
        repeats=Repeats.DAILY,
        period=classes[1],
    )
    for activity in (inclusive_class, lunch_group, club):
        services.participants_place(activity=activity, students=everyone, source=Participant.Source.PAIR)
    # About equal: as many partners as athletes.
    services.participants_place(
        activity=team, students=[*partners, *peers[: len(partners)]], source=Participant.Source.PAIR
    )
    services.participants_place(activity=classroom, students=everyone, source=Participant.Source.PAIR)

    assembly = _assembly(program, term, today, coordinator, supervisors)
    signed_up = 0
    for student in everyone:
        try:
            services.sign_up(activity=assembly, student=student)
        except ValidationError:
            continue  # no valid consent: refused, as on the page
        signed_up += 1
    if signed_up < 2:
        assembly.capacity = None
        assembly.save(update_fields=["capacity"])

    # The third lunch to come (or the last one, near the end of the term).
    upcoming = list(lunch_group.occurrences.filter(date__gt=today).order_by("date")[:3])
    if upcoming:
        services.occurrence_cancel(occurrence=upcoming[-1], reason=LUNCH_CANCEL_REASON)
    return 6


def _assembly(program, term, today, coordinator, supervisors):
    """Inclusive Schools Week assembly in ten days (inside the term), open for sign-up with places for all but two
    of the pairs' students, so the last to sign up wait."""
    day = min(today + datetime.timedelta(days=10), term.end_date)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    students = len({s.pk for p in confirmed_pairs(program=program, term=term) for s in (p.peer, p.focus_student)})
    activity, _days = services.activity_create(
        program=program,
        created_by=coordinator,
        supervisors=supervisors,
        term=term,
        kind=Kind.INCLUSIVE_EVENT,
        event_type=EventType.AWARENESS,
        title="Inclusive Schools Week assembly",
        description="Students with and without disabilities planned it together: a film, a talk and a celebration.",
        place="Gym",
        repeats=Repeats.ONCE,
        first_date=max(day, term.start_date),
        starts_at=datetime.time(13, 0),
        ends_at=datetime.time(14, 0),
        sign_up_open=True,
        capacity=max(1, students - 2),
    )
    return activity


def _unique(students) -> list[Student]:
    seen, unique = set(), []
    for student in students:
        if student.pk not in seen:
            seen.add(student.pk)
            unique.append(student)
    return unique


def _coordinator(school):
    membership = (
        Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None
