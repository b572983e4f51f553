"""Demo surveys for seed_demo, in East Elementary's "Peer to Peer" (after matching and the shared activities, so its
pairs and planning team are known):

- the program gets the starter surveys (Figure 2's reflections, the staff's school culture, "was it worth it?");
- three survey windows in the current fall semester, dated from the term whatever day the demo is seeded:
  "Start of the year" (kind other: the staff's school culture as a baseline; students name who they spend time
  with) in September, "Mid-term" (the reflections and the school culture) in October, both closed once past, and
  "End of semester" (the reflections, the school culture and every "was it worth it?") in the term's last two
  weeks: open then, upcoming before;
- invitations made for each window that has opened (past windows as if on their first day, without emailing anyone
  about a window long closed); an upcoming window has its responses, not yet invited (the daily task invites on
  the day it opens);
- the planning team's answers to the school-culture survey of the mid-term window (staff answers, so written here;
  the students' and families' answers are written by the later seeders, which find these windows by kind and name).

Idempotent: windows are found by name, responses are made once, answers written once.
"""

import datetime

from programs.selectors import program_terms, school_programs, team_users
from schools.dates import school_today, school_zone
from schools.models import School, Term

from ..models import AnsweredHow, ResponseStatus, Survey, SurveyAnswer, SurveyResponse, WindowKind
from ..models import SurveyWindow as Window
from . import services

SCHOOL, PROGRAM = "east-elementary", "Peer to Peer"
START, MID_TERM, END = "Start of the year", "Mid-term", "End of semester"

# (window, kind, starters, the first day and the last day from the term's dates)
WINDOWS = (
    (START, WindowKind.OTHER, ("culture_staff",), lambda t: _september(t)),
    (MID_TERM, WindowKind.MID_TERM, ("reflection_peer", "reflection_student", "culture_staff"), lambda t: _october(t)),
    (
        END,
        WindowKind.END_OF_TERM,
        (
            "reflection_peer",
            "reflection_student",
            "culture_staff",
            "worth_peer",
            "worth_student",
            "worth_staff",
            "worth_family",
        ),
        lambda t: (t.end_date - datetime.timedelta(days=13), t.end_date),
    ),
)

# The planning team's school-culture answers at mid-term, one list per member (in question order), in their words.
CULTURE = (
    (
        "Somewhat welcoming",
        "At lunch two 4th graders now save seats for Noah's table without being asked.",
        "Somewhat receptive",
        "Yes, more",
        "Peers greet our students by name in the hallway; in August that did not happen.",
    ),
    (
        "Very welcoming",
        "A student asked me how to say 'play with me' in sign so she could ask Ava at recess.",
        "Somewhat receptive",
        "Yes, more",
        "",
    ),
    (
        "Somewhat welcoming",
        "",
        "Not very receptive",
        "About the same",
        "Some teachers still ask whether 'the kids from room 12' need to come to assemblies.",
    ),
)


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _september(term) -> tuple[datetime.date, datetime.date]:
    opens = _weekday_on_or_after(datetime.date(term.start_date.year, 9, 8))
    return opens, opens + datetime.timedelta(days=11)


def _october(term) -> tuple[datetime.date, datetime.date]:
    opens = _weekday_on_or_after(datetime.date(term.start_date.year, 10, 13))
    return opens, opens + datetime.timedelta(days=11)


def seed(*, password: str) -> str:
    school = School.objects.filter(slug=SCHOOL).first()
    program = school_programs(school=school).filter(name=PROGRAM).first() if school else None
    if program is None:
        return ""
    term = _fall_term(program)
    if term is None:
        return ""
    services.surveys_ensure(program=program)
    surveys = {s.starter: s for s in Survey.objects.filter(program=program).exclude(starter="")}
    coordinator = next(iter(team_users(program=program)), None)
    today = school_today(school)
    made = []
    for name, kind, starters, dates in WINDOWS:
        opens_on, closes_on = dates(term)
        window = Window.objects.filter(program=program, name=name).first()
        if window is None:
            window = services.window_save(
                program=program,
                name=name,
                kind=kind,
                term=term,
                opens_on=opens_on,
                closes_on=closes_on,
                surveys=[surveys[key] for key in starters],
                asks_contacts=True,
                by=coordinator,
            )
            made.append(name)
        _invite(window, today)
        if name == MID_TERM and window.closes_on < today:
            _culture_answers(window, surveys["culture_staff"])
    return f"{len(made)} survey windows" if made else ""


def _fall_term(program):
    """The program's fall semester of the school year holding today (the latest that started in August)."""
    return (
        program_terms(program=program)
        .filter(kind=Term.Kind.SEMESTER, start_date__month__in=(7, 8, 9))
        .order_by("-start_date")
        .first()
    )


def _invite(window, today: datetime.date) -> None:
    if window.invited_at is not None:
        return
    if today < window.opens_on:
        services.window_responses_ensure(window=window)
    elif today > window.closes_on:
        first_day = datetime.datetime.combine(window.opens_on, datetime.time(8), school_zone(window.program.school))
        services.survey_invitations_send(window=window, today=window.opens_on, now=first_day, email=False)
    else:
        services.survey_invitations_send(window=window, today=today)


def _culture_answers(window, survey) -> None:
    questions = list(survey.questions.filter(is_active=True).order_by("position", "pk"))
    responses = SurveyResponse.objects.filter(window=window, survey=survey).select_related("user").order_by("pk")
    for index, response in enumerate(responses):
        if response.is_submitted or index >= len(CULTURE):
            continue
        for question, said in zip(questions, CULTURE[index], strict=False):
            if not said:
                continue
            is_choice = said in question.choices
            SurveyAnswer.objects.get_or_create(
                response=response,
                question=question,
                defaults={
                    "question_text": question.text,
                    "value": said if is_choice else "",
                    "text": "" if is_choice else said,
                },
            )
        answered = datetime.datetime.combine(
            window.opens_on + datetime.timedelta(days=2 + index),
            datetime.time(15, 45),
            school_zone(window.program.school),
        )
        SurveyResponse.objects.filter(pk=response.pk).update(
            status=ResponseStatus.SUBMITTED,
            answered_how=AnsweredHow.ALONE,
            started_at=answered,
            submitted_at=answered,
            position=len(questions),
        )
