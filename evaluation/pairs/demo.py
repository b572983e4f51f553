"""Demo pair health for seed_demo, through the same services the pages use: East's "Peer to Peer" confirmed pairs
check in for each month of the current term that has passed (written on the month's last day), the peers and the
focus students (the first pair's student with staff support, pointing to the faces while the questions are read).

- ONE pair did not meet last month (different lunch periods, the peer says);
- ONE pair raised a match problem last month that nobody has followed up: it is on the coordinator's dashboard.

The matching demo confirms the pairs on the day it runs, so a milestone ("one month together") shows only once a
pair has been together that long. Idempotent: a program that already has check-ins is left as it is.
"""

import datetime

from programs.selectors import school_programs, team_users
from recruitment.selectors import confirmed_pairs
from schools.dates import school_today
from schools.models import School

from ..models import AnsweredHow, PairCheckIn, SupportMode
from . import selectors, services

PROGRAM_NAME = "Peer to Peer"
Meetings, Going = PairCheckIn.Meetings, PairCheckIn.Going

# By pair, then month (oldest first): how often they met and how it went.
USUAL = (
    ((Meetings.WEEKLY, Going.WELL), (Meetings.MORE, Going.WELL), (Meetings.WEEKLY, Going.WELL)),
    ((Meetings.FEW, Going.SOMETIMES), (Meetings.WEEKLY, Going.WELL), (Meetings.WEEKLY, Going.SOMETIMES)),
    ((Meetings.WEEKLY, Going.WELL), (Meetings.FEW, Going.SOMETIMES), (Meetings.FEW, Going.SOMETIMES)),
)
DID_NOT_MEET_NOTE = "We had different lunch periods this month so we couldnt meet. Can we switch back?"
PROBLEM_NOTE = "He doesnt want to sit with me anymore and walks away when I come. I dont know what I did."


def seed(*, password: str) -> str:
    written = 0
    for school in School.objects.order_by("pk"):
        for program in school_programs(school=school).filter(name=PROGRAM_NAME):
            if not PairCheckIn.objects.filter(program=program).exists():
                written += _check_ins(program)
    return f"{written} pair check-ins" if written else ""


def _months(term, today: datetime.date) -> list[datetime.date]:
    """The months of ``term`` that have ended by ``today`` (the last three at most), oldest first."""
    months, month = [], selectors.add_months(selectors.month_of(today), -1)
    while month >= selectors.month_of(term.start_date) and len(months) < 3:
        months.insert(0, month)
        month = selectors.add_months(month, -1)
    return months


def _check_ins(program) -> int:
    term = selectors.pair_health_term(program=program)
    if term is None:
        return 0
    pairs = sorted(
        {(p.peer_id, p.focus_student_id): p for p in confirmed_pairs(program=program, term=term)}.values(),
        key=lambda p: p.pk,
    )
    coordinator = next(iter(team_users(program=program)), None)
    today = school_today(program.school)
    months = _months(term, today)
    if len(pairs) < 2 or coordinator is None or not months:
        return 0
    did_not_meet, flagged = pairs[1], pairs[-1] if len(pairs) > 2 else pairs[0]
    written = 0
    for index, pair in enumerate(pairs[:3] if flagged in pairs[:3] else [*pairs[:2], flagged]):
        usual = USUAL[index % len(USUAL)][-len(months) :]
        for m, (meetings, going) in zip(months, usual, strict=True):
            day = min(selectors.add_months(m, 1) - datetime.timedelta(days=1), today)
            last = m == months[-1]
            note, problem = "", False
            if last and pair is did_not_meet:
                meetings, going, note = Meetings.NONE, Going.SOMETIMES, DID_NOT_MEET_NOTE
            if last and pair is flagged:
                meetings, going, note, problem = Meetings.FEW, Going.NOT_WELL, PROBLEM_NOTE, True
            services.check_in_save(
                pair=pair,
                student=pair.peer,
                side=PairCheckIn.Side.PEER,
                month=m,
                meetings=meetings,
                going=going,
                note_to_staff=note,
                match_problem=problem,
                entered_by=pair.peer.user,
                today=day,
            )
            written += 1
            # The students' side: the first pair's with support, the others' on their own (not every month).
            supported = index == 0
            if supported or m != months[0]:
                services.check_in_save(
                    pair=pair,
                    student=pair.focus_student,
                    side=PairCheckIn.Side.FOCUS_STUDENT,
                    month=m,
                    meetings=meetings,
                    going=Going.SOMETIMES if problem else going,
                    answered_how=AnsweredHow.WITH_SUPPORT if supported else AnsweredHow.ALONE,
                    support_modes=[SupportMode.POINTING, SupportMode.READ_ALOUD] if supported else [],
                    entered_by=coordinator if supported else pair.focus_student.user,
                    today=day,
                )
                written += 1
    return written
