"""The respondent's side, the write side: saving answers (one at a time on the accessible form, all at once on the
standard one), recording how a focus student answered, and finishing. Keyword-only, ``full_clean()`` before saving,
one transaction each with the response's row locked, so two taps at once make one answer and nothing is written to
a finished response or in a closed window."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_zone

from ..models import (
    AnsweredHow,
    AnswerType,
    Audience,
    QuoteConsent,
    ResponseStatus,
    SupportMode,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from ..surveys.services import window_accepts_answers
from . import selectors


@dataclass(frozen=True)
class Answer:
    """One answer as given: ``value`` for yes/no, 3-point and choice questions, ``text`` for words or the "why"."""

    question_id: int
    value: str = ""
    text: str = ""


def _locked(response, now=None) -> SurveyResponse:
    """The response's row, locked, checked still open to answers (on the school's today, or at ``now``)."""
    locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    locked.window = response.window
    locked.program = response.program
    locked.survey = response.survey
    locked.student = response.student
    locked.partner = response.partner
    # The one rule of the surveys area: a finished response, or a window closed or not open yet, takes nothing.
    day = timezone.localtime(now, school_zone(locked.program.school)).date() if now is not None else None
    window_accepts_answers(response=locked, today=day)
    return locked


def _question(response, question_id) -> SurveyQuestion:
    try:
        question_id = int(question_id)
    except (TypeError, ValueError):
        question_id = 0
    question = (
        SurveyQuestion.objects.filter(pk=question_id, survey=response.survey_id, is_active=True).first()
        if 0 < question_id < 2**31
        else None
    )
    if question is None:
        raise ValidationError(_("That question is not in this survey."))
    return question


def _write(response, answer: Answer, names) -> SurveyAnswer | None:
    question = _question(response, answer.question_id)
    value, text = (answer.value or "").strip(), (answer.text or "").strip()
    if question.answer_type == AnswerType.TEXT:
        value = ""
    elif value and value not in question.values:
        raise ValidationError({f"q{question.pk}": _("Choose one of the answers offered.")})
    if question.answer_type != AnswerType.TEXT and not question.asks_why:
        text = ""
    row = SurveyAnswer.objects.filter(response=response, question=question).first()
    if question.answer_type != AnswerType.TEXT and not value:
        # The "why" goes with an answer: without one (given now or before) there is nothing to keep.
        if row is None or not text:
            return row
        value = row.value
    if row is None:
        if not text and not value:
            return None
        row = SurveyAnswer(response=response, question=question)
    row.question_text = names.fill(question.text)[:400]
    row.value = value
    row.text = text
    row.full_clean()
    row.save()
    return row


def _started(response, *, position: int, now=None) -> None:
    if response.status == ResponseStatus.NOT_STARTED:
        response.status = ResponseStatus.IN_PROGRESS
        response.started_at = now or timezone.now()
    response.position = max(0, min(position, 2**15 - 1))
    response.full_clean()
    response.save(update_fields=["status", "started_at", "position", "answered_how", "updated_at"])


def answer_save(*, response, answer: Answer, now=None) -> SurveyAnswer | None:
    """Save one answer of the accessible form (a question of another survey, or a value it does not offer, is a
    ValidationError) and where to resume: the first question still unanswered. A focus student answering on their
    own sign-in, with nothing recorded yet, is answering "alone". ``now`` dates it (the demo answers a past window as
    if then)."""
    with transaction.atomic():
        locked = _locked(response, now)
        row = _write(locked, answer, selectors.names_for(locked))
        if not locked.answered_how and locked.respondent == Audience.FOCUS_STUDENT:
            locked.answered_how = AnsweredHow.ALONE
        questions = selectors.accessible_questions(locked)
        _started(locked, position=selectors.first_unanswered(questions, selectors.answers_by_question(locked)), now=now)
    return row


def answers_save(*, response, answers: list[Answer], now=None) -> int:
    """Save the standard form's answers at once (all or nothing); returns how many questions have an answer now."""
    with transaction.atomic():
        locked = _locked(response, now)
        names = selectors.names_for(locked)
        for answer in answers:
            _write(locked, answer, names)
        answered = SurveyAnswer.objects.filter(response=locked).count()
        if not locked.answered_how and locked.respondent != Audience.FAMILY:
            locked.answered_how = AnsweredHow.ALONE
        _started(locked, position=answered, now=now)
    return answered


def response_finish(*, response, quote_consent: bool = False, now=None) -> SurveyResponse:
    """Send the answers: the response is finished and takes no more changes. ``quote_consent``: the student (or, on
    a family's response, the family) agreed that their words may be shared without their name."""
    with transaction.atomic():
        locked = _locked(response, now)
        if locked.status == ResponseStatus.NOT_STARTED:
            locked.started_at = now or timezone.now()
        locked.status = ResponseStatus.SUBMITTED
        locked.submitted_at = now or timezone.now()
        if not quote_consent or locked.respondent == Audience.STAFF:
            locked.quote_consent = QuoteConsent.NONE
        elif locked.respondent == Audience.FAMILY:
            locked.quote_consent = QuoteConsent.FAMILY
        else:
            locked.quote_consent = QuoteConsent.STUDENT
        locked.full_clean()
        locked.save(update_fields=["status", "started_at", "submitted_at", "quote_consent", "updated_at"])
    return locked


def response_how_answered(
    *, response, by, answered_how: str, support_modes: list[str] = (), supported_by_other: str = "", now=None
) -> SurveyResponse:
    """Record how a focus student is answering: on their own, with support (which support, and who), or by a proxy.
    ``by`` is the staff member beside them (None when the student records it on their own sign-in: then
    ``supported_by_other`` says who is helping, e.g. "my mom")."""
    if answered_how not in AnsweredHow.values:
        raise ValidationError({"answered_how": _("Choose how the questions are answered.")})
    modes = list(dict.fromkeys(support_modes))
    if any(mode not in SupportMode.values for mode in modes):
        raise ValidationError({"support_modes": _("Choose from the support listed.")})
    if answered_how == AnsweredHow.WITH_SUPPORT and not modes:
        raise ValidationError({"support_modes": _("Tick the support being used.")})
    if answered_how != AnsweredHow.WITH_SUPPORT:
        modes = []
    supported_by_other = (supported_by_other or "").strip()
    if by is None and answered_how == AnsweredHow.PROXY:
        raise ValidationError({"answered_how": _("Only a staff member records answers given by a proxy.")})
    with transaction.atomic():
        locked = _locked(response, now)
        if locked.respondent != Audience.FOCUS_STUDENT:
            raise ValidationError(_("Only a student's survey records how it was answered."))
        locked.answered_how = answered_how
        locked.support_modes = modes
        locked.supported_by = by
        locked.supported_by_other = supported_by_other[:100]
        locked.full_clean()
        locked.save(update_fields=["answered_how", "support_modes", "supported_by", "supported_by_other", "updated_at"])
    return locked
