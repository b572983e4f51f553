"""The respondent's side, the read side. A response is reached only from the person it belongs to (their own student
record, or their own user for a staff survey) or, for a focus student's response, from a staff member allowed to
support that student (the coordinator, or the student's support team: ``schools.permissions.can_view_sensitive``).
Anything else is "not found": a page never confirms that someone else's response exists."""

from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone

from schools.dates import school_today, school_zone
from schools.permissions import can_view_sensitive, has_permission
from schools.selectors import own_student_record

from ..models import (
    SCALE3_VALUES,
    Audience,
    ResponseStatus,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from ..symbols import ANSWER_SYMBOLS
from ..templating import GENERIC, Names, names_for_family, names_for_student

STUDENT_AUDIENCES = (Audience.PEER, Audience.FOCUS_STUDENT)


def _responses():
    return SurveyResponse.objects.select_related("survey", "window", "program__school", "student", "partner")


def _own_filter(access) -> Q | None:
    """Whose responses are the signed-in person's own: their student record's (as a peer or student), or their own
    staff surveys."""
    if not access.is_authenticated or access.school is None:
        return None
    student = own_student_record(access=access)
    if student is not None:
        return Q(student=student, respondent__in=STUDENT_AUDIENCES)
    return Q(user=access.user, respondent=Audience.STAFF)


def own_responses(*, access) -> list:
    """The signed-in person's responses in the open windows of the active school (and exit surveys, which have no
    window), not finished first (two queries)."""
    own = _own_filter(access)
    if own is None:
        return []
    today = school_today(access.school)
    open_window = Q(window__isnull=True) | Q(window__opens_on__lte=today, window__closes_on__gte=today)
    finished_last = Case(When(status=ResponseStatus.SUBMITTED, then=1), default=0, output_field=IntegerField())
    return list(
        _responses()
        .visible_to(access)
        .filter(own, open_window, survey__is_active=True)
        .annotate(finished=finished_last)
        .order_by("finished", "window__closes_on", "pk")
    )


def own_response(*, access, pk: int):
    """One of the person's own responses (whatever its window), or None."""
    own = _own_filter(access)
    if own is None:
        return None
    return _responses().visible_to(access).filter(own, pk=pk).first()


def may_support(access, response) -> bool:
    """May this staff member help ``response``'s focus student answer, or answer as their proxy."""
    return (
        response.respondent == Audience.FOCUS_STUDENT
        and response.student_id is not None
        and has_permission(access, "support_student_answers")
        and can_view_sensitive(access, response.student)
    )


def student_response(*, access, pk: int):
    """A focus student's response for its accessible form: ``(response, as_supporter)`` for the student themself
    (False) or a staff member allowed to support them (True); None for anyone else."""
    response = _responses().visible_to(access).filter(pk=pk, respondent=Audience.FOCUS_STUDENT).first()
    if response is None or response.student is None:
        return None
    if access.is_authenticated and response.student.user_id == access.user.pk:
        return response, False
    if may_support(access, response):
        return response, True
    return None


def is_open(response, *, now=None) -> bool:
    """A response in a closed window accepts nothing more; one with no window (an exit survey) is always open. On the
    school's today, or on the school's day at ``now``."""
    if response.window is None:
        return True
    school = response.program.school
    day = timezone.localtime(now, school_zone(school)).date() if now is not None else school_today(school)
    return response.window.is_open(day)


def names_for(response) -> Names:
    """What "[name of student]" and "[names of peers]" become for this respondent."""
    if response.respondent == Audience.FAMILY:
        return names_for_family(student=response.student)
    if response.respondent in STUDENT_AUDIENCES and response.student is not None:
        term = response.window.term if response.window is not None else None
        return names_for_student(
            program=response.program, student=response.student, term=term, partner=response.partner
        )
    return GENERIC


def standard_questions(response) -> list:
    """The questions of the one-page form: active, practice questions left out."""
    return list(
        SurveyQuestion.objects.filter(survey=response.survey_id, is_active=True, is_practice=False).order_by(
            "position", "pk"
        )
    )


def accessible_questions(response) -> list:
    """The questions of the one-per-screen form: the practice question(s) first, then the rest in order."""
    questions = SurveyQuestion.objects.filter(survey=response.survey_id, is_active=True)
    return sorted(questions, key=lambda question: (not question.is_practice, question.position, question.pk))


def answers_by_question(response) -> dict:
    return {answer.question_id: answer for answer in SurveyAnswer.objects.filter(response=response)}


def first_unanswered(questions, answers) -> int:
    """Where a stopped survey resumes: the first question without an answer (the end when all are answered)."""
    for index, question in enumerate(questions):
        if question.pk not in answers:
            return index
    return len(questions)


def answer_symbols(question) -> list:
    """The answers of a yes/no or 3-point question with their symbol, in the question's order."""
    return answer_symbols_for(question.values) if question.has_symbols else []


def answer_symbols_for(values) -> list:
    return [ANSWER_SYMBOLS[value] for value in values]


# --- Agreement checks ------------------------------------------------------------------------------------------------

# A reverse-keyed answer read the right way round: "yes, it is boring" is "no" to "do you like it"; "a little" stays.
INVERTED = {"yes": "no", "no": "yes", "some": "some"}


def agreement_of(response) -> list[tuple[str, bool | None]]:
    """For each agreement key of the response's survey: ``(key, agrees)``, True when the question and the one asked
    the other way round get the same answer once the reverse-keyed one is turned round, False when they do not
    (answering "yes" both ways is the sign of yes-saying), None while one of them is unanswered."""
    questions = SurveyQuestion.objects.filter(survey=response.survey_id, is_active=True).exclude(agreement_key="")
    answers = {answer.question_id: answer.value for answer in SurveyAnswer.objects.filter(response=response)}
    keyed: dict[str, list] = {}
    for question in questions.order_by("position", "pk"):
        keyed.setdefault(question.agreement_key, []).append(question)
    result = []
    for key, pair in keyed.items():
        values = []
        for question in pair:
            value = answers.get(question.pk, "")
            if value not in SCALE3_VALUES:
                values = None
                break
            values.append(INVERTED[value] if question.reverse_keyed else value)
        if not values or len(values) < 2:
            result.append((key, None))
        else:
            result.append((key, len(set(values)) == 1))
    return result


def yes_both_ways(response, key: str) -> bool:
    """Did the respondent answer "yes" to both questions of the agreement check ``key``."""
    values = SurveyAnswer.objects.filter(response=response, question__agreement_key=key).values_list("value", flat=True)
    values = list(values)
    return len(values) >= 2 and all(value == "yes" for value in values)


# --- The dashboard ---------------------------------------------------------------------------------------------------


def to_answer_panel(access) -> dict:
    """The dashboard panel "Surveys to answer": the person's open, unfinished responses (one query)."""
    return {"to_answer": [response for response in own_responses(access=access) if not response.is_submitted]}
