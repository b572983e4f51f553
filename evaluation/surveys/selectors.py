"""Surveys, the read side: a program's surveys and windows, who has answered, the results of a window (kept apart by
how each response was answered), the agreement checks, one response's answers (an object rule: the coordinator and
principal, or the student's support team; staff answers stay with the program's leads) and the chosen quotes.
Every query is scoped: programs through ``programs.selectors.program_queryset(access=...)``, rows through
``.visible_to(access)``; no query count grows with the rows."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from programs.selectors import active_participants, program_queryset, program_terms
from schools.dates import school_today
from schools.models import Student
from schools.permissions import has_permission

from ..models import (
    AnsweredHow,
    Audience,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyWindow,
)
from ..symbols import ANSWER_SYMBOLS
from ..templating import GENERIC, names_for_family, names_for_student


def survey_program_queryset(*, access):
    return program_queryset(access=access)


def program_surveys(*, program) -> list[Survey]:
    """The program's surveys by kind and audience, each with how many questions it asks (one query)."""
    return list(
        Survey.objects.filter(program=program)
        .annotate(asked=Count("questions", filter=Q(questions__is_active=True)))
        .order_by("kind", "audience", "pk")
    )


def survey_queryset(*, access):
    return Survey.objects.visible_to(access).select_related("program__school")


def question_queryset(*, access):
    return SurveyQuestion.objects.visible_to(access).select_related("survey__program__school")


def window_queryset(*, access):
    return SurveyWindow.objects.visible_to(access).select_related("program__school", "term")


def response_queryset(*, access):
    return SurveyResponse.objects.visible_to(access).select_related(
        "program__school", "survey", "window", "student", "user", "supported_by"
    )


def survey_questions(*, survey) -> list[SurveyQuestion]:
    """Every question of the survey in order, retired ones too, each with whether it was answered (one query)."""
    return list(
        SurveyQuestion.objects.filter(survey=survey).annotate(answer_count=Count("answers")).order_by("position", "pk")
    )


def example_names(*, survey):
    """The placeholders filled for an example respondent of the survey's audience (the first active peer or focus
    student with a confirmed pair; a family: the first focus student), for the editor's preview."""
    program = survey.program
    if survey.audience in (Audience.PEER, Audience.FOCUS_STUDENT):
        kind = Student.Kind.PEER if survey.audience == Audience.PEER else Student.Kind.FOCUS
        student = active_participants(program=program, kind=kind).first()
        if student is not None:
            return student, names_for_student(program=program, student=student)
    if survey.audience == Audience.FAMILY:
        student = active_participants(program=program, kind=Student.Kind.FOCUS).first()
        if student is not None:
            return student, names_for_family(student=student)
    return None, GENERIC


def program_windows(*, program) -> list[SurveyWindow]:
    """The program's windows, newest first, with their surveys and how many responses are finished (two queries)."""
    return list(
        SurveyWindow.objects.filter(program=program)
        .select_related("term")
        .prefetch_related(Prefetch("surveys", queryset=Survey.objects.order_by("kind", "audience", "pk")))
        .annotate(
            response_count=Count("responses", distinct=True),
            finished_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True),
        )
        .order_by("-opens_on", "pk")
    )


def window_terms(*, program):
    return program_terms(program=program).order_by("start_date", "pk")


@dataclass
class SurveyProgress:
    survey: Survey
    responses: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # status → count


def window_progress(*, window) -> list[SurveyProgress]:
    """For each survey of the window: how many have not started, started and finished, and the respondents
    (two queries)."""
    surveys = list(window.surveys.order_by("kind", "audience", "pk"))
    by_survey = {survey.pk: SurveyProgress(survey=survey) for survey in surveys}
    responses = (
        SurveyResponse.objects.filter(window=window, survey_id__in=by_survey)
        .select_related("student", "user")
        .order_by("survey_id", "student__last_name", "student__first_name", "user__last_name", "pk")
    )
    for response in responses:
        by_survey[response.survey_id].responses.append(response)
    for progress in by_survey.values():
        counts = Counter(response.status for response in progress.responses)
        progress.counts = {status: counts.get(status, 0) for status in ResponseStatus.values}
    return list(by_survey.values())


# --- Results ------------------------------------------------------------------------------------------------------

# How each response was answered, the order results show them. A response with none (staff, peers answering the
# standard form) was answered on their own.
HOW = (AnsweredHow.ALONE, AnsweredHow.WITH_SUPPORT, AnsweredHow.PROXY)


def answered_how(response) -> str:
    return response.answered_how or AnsweredHow.ALONE


@dataclass
class QuestionResult:
    question: SurveyQuestion
    # answered_how → [(value, label, count)], and → [words]
    counts: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)
    totals: dict = field(default_factory=dict)


@dataclass
class SurveyResult:
    survey: Survey
    questions: list
    finished: dict  # answered_how → finished responses

    @property
    def any_finished(self) -> bool:
        return any(self.finished.values())


def _label(question, value: str) -> str:
    symbol = ANSWER_SYMBOLS.get(value) if question.has_symbols else None
    return str(symbol.label) if symbol is not None else value


def window_results(*, window) -> list[SurveyResult]:
    """Per survey and question of the window: the count of each answer and the words, separately for answers given
    on their own, with support and by a proxy. Finished responses only; practice questions never counted
    (three queries whatever the rows)."""
    surveys = list(
        window.surveys.order_by("kind", "audience", "pk").prefetch_related(
            Prefetch("questions", queryset=SurveyQuestion.objects.filter(is_practice=False).order_by("position", "pk"))
        )
    )
    finished = list(
        SurveyResponse.objects.filter(window=window, status=ResponseStatus.SUBMITTED).only(
            "pk", "survey_id", "answered_how"
        )
    )
    how_of = {response.pk: answered_how(response) for response in finished}
    answers = SurveyAnswer.objects.filter(response_id__in=how_of, question__is_practice=False).only(
        "response_id", "question_id", "value", "text"
    )
    values = defaultdict(Counter)  # (question, how) → Counter of values
    words = defaultdict(list)
    for answer in answers.order_by("pk"):
        key = (answer.question_id, how_of[answer.response_id])
        if answer.value:
            values[key][answer.value] += 1
        if answer.text.strip():
            words[key].append(answer.text.strip())
    results = []
    for survey in surveys:
        rows = []
        for question in survey.questions.all():
            result = QuestionResult(question=question)
            for how in HOW:
                counter = values.get((question.pk, how), Counter())
                known = list(question.values) or sorted(counter)
                extra = sorted(set(counter) - set(known))
                result.counts[how] = [(v, _label(question, v), counter.get(v, 0)) for v in [*known, *extra]]
                result.totals[how] = sum(counter.values())
                result.words[how] = words.get((question.pk, how), [])
            rows.append(result)
        per_how = Counter(how_of[r.pk] for r in finished if r.survey_id == survey.pk)
        results.append(SurveyResult(survey=survey, questions=rows, finished={how: per_how.get(how, 0) for how in HOW}))
    return results


INVERTED = {"yes": "no", "no": "yes", "some": "some"}


@dataclass
class AgreementCheck:
    response: SurveyResponse
    key: str
    agree: bool
    yes_saying: bool  # "yes" both ways round


def agreement_checks(*, window) -> list[AgreementCheck]:
    """For each finished response with both questions of an agreement-check pair answered: do the two answers agree
    (the one asked the other way round inverted: yes↔no, "a little" stays), and is it possible yes-saying ("yes"
    both ways). Two queries."""
    answers = (
        SurveyAnswer.objects.filter(
            response__window=window, response__status=ResponseStatus.SUBMITTED, question__is_practice=False
        )
        .exclude(question__agreement_key="")
        .exclude(value="")
        .select_related("question")
        .order_by("response_id", "pk")
    )
    pairs = defaultdict(list)
    for answer in answers:
        pairs[(answer.response_id, answer.question.agreement_key)].append(answer)
    responses = SurveyResponse.objects.select_related("student").in_bulk({response_id for response_id, _key in pairs})
    checks = []
    for (response_id, key), both in pairs.items():
        straight = [a for a in both if not a.question.reverse_keyed]
        reverse = [a for a in both if a.question.reverse_keyed]
        if len(straight) != 1 or len(reverse) != 1:
            continue
        said, said_reverse = straight[0].value, reverse[0].value
        checks.append(
            AgreementCheck(
                response=responses[response_id],
                key=key,
                agree=INVERTED.get(said_reverse) == said,
                yes_saying=said == "yes" and said_reverse == "yes",
            )
        )
    checks.sort(key=lambda c: (c.response.student.full_name if c.response.student else "", c.key))
    return checks


# --- One response, and quotes -------------------------------------------------------------------------------------


def readable_student_ids(*, access) -> set[int] | None:
    """The students whose answers this person may read one by one: None for everyone (the coordinator and principal),
    else those whose support team they are on (one query)."""
    if has_permission(access, "view_student_sensitive"):
        return None
    return set(Student.objects.filter(support_team=access.user, school=access.school).values_list("pk", flat=True))


def may_read_response(*, access, response) -> bool:
    """One student's (or family's) answers: the coordinator and principal, and the student's support team. A staff
    member's: the program's leads (who hold ``view_survey_results``)."""
    if not has_permission(access, "view_survey_results"):
        return False
    if response.student_id is None:
        return True
    readable = readable_student_ids(access=access)
    return readable is None or response.student_id in readable


def response_answers(*, response) -> list[SurveyAnswer]:
    """The response's answers in the order asked, each with ``value_label`` (the answer's words: "A little")."""
    answers = list(
        SurveyAnswer.objects.filter(response=response).select_related("question").order_by("question__position", "pk")
    )
    for answer in answers:
        answer.value_label = _label(answer.question, answer.value) if answer.value else ""
    return answers


def program_quotes(*, program) -> list[SurveyAnswer]:
    """The answers chosen as quotes whose student or family consented, with the question as written (its
    placeholders, never the names filled in) and no respondent's name (one query)."""
    return list(
        SurveyAnswer.objects.filter(
            response__program=program, quote_selected=True, response__quote_consent__in=("student", "family")
        )
        .select_related("question__survey", "response__window")
        .order_by("-response__window__opens_on", "question__survey_id", "question__position", "pk")
    )


# --- The dashboard ------------------------------------------------------------------------------------------------

PANEL_WINDOWS = 5


def windows_panel(access) -> dict:
    """The program leads' dashboard panel "Surveys": the active school's windows open now or coming up, soonest
    first, with how many responses are finished, and the school's programs (to reach their surveys). Two queries."""
    if access.school is None:
        return {"windows": [], "programs": []}
    today = school_today(access.school)
    windows = (
        SurveyWindow.objects.visible_to(access)
        .filter(closes_on__gte=today)
        .select_related("program")
        .annotate(
            response_count=Count("responses", distinct=True),
            finished_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True),
        )
        .order_by("opens_on", "pk")[:PANEL_WINDOWS]
    )
    return {
        "windows": [(window, window.is_open(today)) for window in windows],
        "programs": list(program_queryset(access=access).order_by("name", "pk")),
    }
