"""Demo answers for seed_demo, through the same services the pages use (runs after the surveys demo, whatever windows
and responses it made; with no mid-term window for East's "Peer to Peer", it does nothing).

In that window, while it is open:

- every peer answers their reflection alone and sends it (every other one lets their words be quoted);
- the focus students, by first name, answer the accessible version: the first with support (questions read aloud
  and an AAC device, the special educator beside them) and sends it; the second with support (pointing to a symbol)
  and sends it, answering "yes" to both sides of the agreement check (possible yes-saying); the third by a proxy (a
  paraprofessional, or the special educator where there is none, with a parent's knowledge), stopped half-way so
  the survey resumes at its first unanswered question.

Idempotent: once a focus student of the window has answered, the window is left as it is.
"""

import datetime

from django.core.exceptions import ValidationError

from schools.dates import school_today, school_zone
from schools.models import Membership, Role

from ..models import (
    AnsweredHow,
    AnswerType,
    Audience,
    ResponseStatus,
    SupportMode,
    SurveyResponse,
    SurveyWindow,
    WindowKind,
)
from . import selectors, services

PROGRAM = "Peer to Peer"
PEER_WORDS = [
    "We eat lunch together and play board games.",
    "It has been really fun. I learned how to wait and give time to answer.",
    "Some days are hard when the schedule changes.",
    "More ideas for games at recess.",
]
STUDENT_WORDS = ["We play cards", "We eat lunch", "Music"]
# Where the proxy's survey stops: questions answered before "Stop for now".
HALF_WAY = 4


def seed(*, password: str) -> str:
    window = (
        SurveyWindow.objects.filter(program__name=PROGRAM, kind=WindowKind.MID_TERM)
        .select_related("program__school", "term")
        .order_by("program__school_id", "-opens_on", "pk")
        .first()
    )
    if window is None:
        return ""
    students = SurveyResponse.objects.filter(window=window, respondent=Audience.FOCUS_STUDENT)
    if students.exclude(status=ResponseStatus.NOT_STARTED).exists():
        return ""  # answered by an earlier run: a second run changes nothing (a fourth student stays unanswered)
    responses = list(
        SurveyResponse.objects.filter(window=window, status=ResponseStatus.NOT_STARTED)
        .select_related("survey", "window", "program__school", "student", "partner")
        .order_by("student__first_name", "pk")
    )
    school = window.program.school
    # Answered while the window was open: its second day, or today when it opened only yesterday or today.
    zone = school_zone(school)
    day = min(window.opens_on + datetime.timedelta(days=1), school_today(school))
    when = datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=zone)
    if not responses or not selectors.is_open(responses[0], now=when):
        return ""
    special_educator = _staff(school, Role.SPECIAL_EDUCATOR) or _staff(school, Role.COORDINATOR)
    para = _staff(school, Role.PARAPROFESSIONAL)
    peers = [r for r in responses if r.respondent == Audience.PEER]
    students = [r for r in responses if r.respondent == Audience.FOCUS_STUDENT]
    for number, response in enumerate(peers):
        _answer_standard(response, number, when)
        services.response_finish(response=response, quote_consent=number % 2 == 0, now=when)
    plans = (
        {"how": AnsweredHow.WITH_SUPPORT, "modes": [SupportMode.READ_ALOUD, SupportMode.AAC], "by": special_educator},
        {"how": AnsweredHow.WITH_SUPPORT, "modes": [SupportMode.POINTING], "by": special_educator, "yes_saying": True},
        {
            "how": AnsweredHow.PROXY,
            "modes": [],
            "by": para or special_educator,
            "other": "" if para else "parent",
            "stop_at": HALF_WAY,
        },
    )
    for response, plan in zip(students, plans, strict=False):
        if plan["by"] is None:
            continue
        _answer_accessible(response, plan, when)
    return f"Survey answers: {len(peers)} peers, {min(len(students), len(plans))} students"


def _staff(school, role):
    membership = (
        Membership.objects.filter(school=school, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _answer_standard(response, number: int, when) -> None:
    answers = []
    for index, question in enumerate(selectors.standard_questions(response)):
        if question.answer_type == AnswerType.TEXT:
            answers.append(services.Answer(question.pk, text=PEER_WORDS[(number + index) % len(PEER_WORDS)]))
        else:
            value = question.values[(number + index) % 2] if question.answer_type == AnswerType.SCALE3 else "yes"
            answers.append(services.Answer(question.pk, value=value, text="We laugh a lot." if index == 1 else ""))
    services.answers_save(response=response, answers=answers, now=when)


def _answer_accessible(response, plan, when) -> None:
    try:
        services.response_how_answered(
            response=response,
            by=plan["by"],
            answered_how=plan["how"],
            support_modes=plan["modes"],
            supported_by_other=plan.get("other", ""),
            now=when,
        )
        questions = selectors.accessible_questions(response)
        stop_at = plan.get("stop_at", len(questions))
        for index, question in enumerate(questions[:stop_at]):
            services.answer_save(response=response, answer=_student_answer(question, index, plan), now=when)
        if stop_at >= len(questions):
            services.response_finish(response=response, quote_consent=plan["how"] != AnsweredHow.PROXY, now=when)
    except ValidationError:
        # A window the surveys demo closed meanwhile: nothing more to answer.
        return


def _student_answer(question, index: int, plan) -> services.Answer:
    if question.answer_type == AnswerType.TEXT:
        return services.Answer(question.pk, text=STUDENT_WORDS[index % len(STUDENT_WORDS)])
    if question.is_practice or plan.get("yes_saying"):
        value = "yes"
    elif question.reverse_keyed:
        value = "no"
    elif question.answer_type == AnswerType.SCALE3:
        value = "yes" if index % 3 else "some"
    else:
        value = "yes"
    return services.Answer(
        question.pk, value=value, text="Because it is fun" if question.asks_why and index == 1 else ""
    )
