"""Surveys, the write side: the starter surveys a program is given, its questions, survey windows, invitations and
nudges. Keyword-only, ``full_clean()`` before saving, one transaction each."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.selectors import active_participants, team_users
from schools.dates import school_today
from schools.models import Guardian, School, Student
from schools.ordering import swap_with_neighbour
from schools.services import email_queue

from .. import starters
from ..models import (
    Audience,
    QuoteConsent,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyWindow,
)
from .family_links import family_link_token

PEER, FOCUS = Student.Kind.PEER, Student.Kind.FOCUS


def surveys_ensure(*, program) -> int:
    """Give ``program`` each starter survey it was never given (``evaluation/starters.py``); a program's own copies,
    edited or retired, are left as they are. The school's row is locked (this app may not import programs' models), so
    two first visits at once make one set. Returns how many surveys were made."""
    with transaction.atomic():
        School.objects.select_for_update().filter(pk=program.school_id).first()
        given = set(Survey.objects.filter(program=program).exclude(starter="").values_list("starter", flat=True))
        made = 0
        for starter in starters.STARTERS:
            if starter.key in given:
                continue
            survey = Survey.objects.create(
                program=program,
                kind=starter.kind,
                audience=starter.audience,
                title=starter.title,
                introduction=starter.introduction,
                starter=starter.key,
            )
            SurveyQuestion.objects.bulk_create(
                SurveyQuestion(
                    survey=survey,
                    position=position,
                    text=question.text,
                    answer_type=question.answer_type,
                    choices=list(question.choices),
                    asks_why=question.asks_why,
                    is_practice=question.is_practice,
                    agreement_key=question.agreement_key,
                    reverse_keyed=question.reverse_keyed,
                )
                for position, question in enumerate(starter.questions)
            )
            made += 1
        return made


# --- Surveys and their questions ----------------------------------------------------------------------------------


def survey_add(*, program, title: str, kind: str, audience: str, introduction: str = "") -> Survey:
    with transaction.atomic():
        survey = Survey(
            program=program,
            title=" ".join((title or "").split()),
            kind=kind,
            audience=audience,
            introduction=(introduction or "").strip(),
        )
        _check_length(survey.introduction, Survey._meta.get_field("introduction").max_length, "introduction")
        survey.full_clean()
        survey.save()
        return survey


def survey_edit(*, survey: Survey, title: str, introduction: str, is_active: bool) -> Survey:
    """Change a survey's title and introduction, or stop using it (no new window offers it; windows that hold it
    keep it). Its kind and audience stay: its answers were given as those."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        survey.title = " ".join((title or "").split())
        survey.introduction = (introduction or "").replace("\r\n", "\n").strip()
        survey.is_active = is_active
        _check_length(survey.introduction, Survey._meta.get_field("introduction").max_length, "introduction")
        survey.full_clean()
        survey.save(update_fields=["title", "introduction", "is_active"])
        return survey


def _check_length(text: str, limit: int, field: str) -> None:
    """A TextField's max_length is not checked by ``full_clean()``: checked here, for every caller."""
    if len(text) > limit:
        raise ValidationError(
            {field: _("This is %(n)s characters long; the most is %(limit)s.") % {"n": len(text), "limit": limit}}
        )


def _question_rules(question: SurveyQuestion) -> None:
    """What a question's fields must agree on beyond the model's own ``clean()``: only a yes/no or 3-point question
    asks why or takes part in an agreement check; "asked the other way round" needs the check's key; a key pairs two
    questions of the survey, never three."""
    if question.asks_why and not question.has_symbols:
        raise ValidationError({"asks_why": _("Only a yes/no or 3-point question can also ask why.")})
    question.agreement_key = " ".join((question.agreement_key or "").split()).lower()
    if question.reverse_keyed and not question.agreement_key:
        raise ValidationError(
            {"reverse_keyed": _("Give the agreement check's key first: it names the two questions asked both ways.")}
        )
    if question.agreement_key:
        if not question.has_symbols:
            raise ValidationError({"agreement_key": _("An agreement check pairs two yes/no or 3-point questions.")})
        if question.is_practice:
            raise ValidationError({"agreement_key": _("A practice question is never counted, so it can't be checked.")})
        others = SurveyQuestion.objects.filter(
            survey_id=question.survey_id, agreement_key=question.agreement_key, is_active=True
        ).exclude(pk=question.pk)
        if others.count() >= 2:
            raise ValidationError(
                {"agreement_key": _("Two questions already use this key: an agreement check pairs two questions.")}
            )


def _fill_question(question: SurveyQuestion, fields: dict) -> None:
    for name in ("text", "answer_type", "choices", "asks_why", "is_practice", "agreement_key", "reverse_keyed"):
        if name in fields:
            setattr(question, name, fields[name])
    question.text = " ".join((question.text or "").split())
    question.choices = [str(option) for option in question.choices or []]


def question_add(*, survey: Survey, **fields) -> SurveyQuestion:
    """Add a question at the end of the survey. ``fields``: text, answer_type, choices (a list), asks_why,
    is_practice, agreement_key, reverse_keyed."""
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        last = SurveyQuestion.objects.filter(survey=survey).aggregate(last=Max("position"))["last"]
        question = SurveyQuestion(survey=survey, position=0 if last is None else last + 1)
        _fill_question(question, fields)
        question.full_clean()
        _question_rules(question)
        question.save()
        return question


def question_edit(*, question: SurveyQuestion, **fields) -> SurveyQuestion:
    """Change a question. Answers already given keep the words they answered (``SurveyAnswer.question_text``); once
    a question has answers its kind of answer and its options stay as they are (the answers were given to them):
    retire it and add a new one instead."""
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=question.survey_id).first()
        question = SurveyQuestion.objects.get(pk=question.pk)
        before = (question.answer_type, list(question.choices))
        _fill_question(question, fields)
        question.full_clean()
        _question_rules(question)
        if (question.answer_type, list(question.choices)) != before and question.answers.exists():
            raise ValidationError(
                {
                    "answer_type": _(
                        "People have already answered this question, so its answers can't change. Retire it and "
                        "add a new question instead."
                    )
                }
            )
        question.save()
        return question


def question_move(*, question: SurveyQuestion, up: bool) -> bool:
    """Swap the question with its neighbour above or below; numbers the survey's questions 0, 1, 2… on the way.
    Returns whether it moved."""
    with transaction.atomic():
        questions = list(
            SurveyQuestion.objects.select_for_update().filter(survey_id=question.survey_id).order_by("position", "pk")
        )
        moved = swap_with_neighbour(questions, question.pk, up=up, field="position")
        if moved is None:
            return False
        SurveyQuestion.objects.bulk_update(moved, ["position"])
        return True


def question_retire(*, question: SurveyQuestion, asked: bool) -> SurveyQuestion:
    """Retire a question (no longer asked; answers given keep it) or ask it again."""
    with transaction.atomic():
        question = SurveyQuestion.objects.select_for_update().get(pk=question.pk)
        question.is_active = asked
        if asked:
            _question_rules(question)
        question.save(update_fields=["is_active"])
        return question


# --- Survey windows -----------------------------------------------------------------------------------------------

# How far a window may reach outside its term (a follow-up picks the later term it belongs to).
TERM_MARGIN = datetime.timedelta(days=30)


def window_save(
    *,
    program,
    window: SurveyWindow | None = None,
    name: str,
    kind: str,
    term,
    opens_on: datetime.date,
    closes_on: datetime.date,
    surveys,
    asks_contacts: bool,
    by=None,
) -> SurveyWindow:
    """Create a survey window (``window`` None) or change one. The term must be one of the program's; the dates
    near it; the surveys the program's own. Changing a window's surveys after invitations leaves the responses
    already made (press "Invite" again to invite the new surveys' respondents)."""
    surveys = list(surveys)
    if any(survey.program_id != program.pk for survey in surveys):
        raise ValidationError({"surveys": _("Choose surveys of this program.")})
    if not surveys:
        raise ValidationError({"surveys": _("Choose at least one survey.")})
    if term is not None:
        if not term.programs.filter(pk=program.pk).exists():
            raise ValidationError({"term": _("Choose one of the program's terms.")})
        if opens_on and not term.start_date - TERM_MARGIN <= opens_on <= term.end_date:
            raise ValidationError(
                {
                    "opens_on": _("The window opens during %(term)s (%(start)s to %(end)s), or just before it.")
                    % {"term": term, "start": term.start_date.isoformat(), "end": term.end_date.isoformat()}
                }
            )
        if closes_on and closes_on > term.end_date + TERM_MARGIN:
            raise ValidationError(
                {
                    "closes_on": _("The window closes by a month after %(term)s ends (%(end)s).")
                    % {"term": term, "end": term.end_date.isoformat()}
                }
            )
    with transaction.atomic():
        if window is None:
            window = SurveyWindow(program=program, created_by=by)
        else:
            window = SurveyWindow.objects.select_for_update().get(pk=window.pk, program=program)
            # A closed window accepts nothing more: moving its dates would open it again.
            closed = window.closes_on < school_today(program.school)
            if closed and (opens_on, closes_on) != (window.opens_on, window.closes_on):
                raise ValidationError(
                    {"closes_on": _("This window has closed, so its dates stay as they are: add a new window.")}
                )
        window.name = " ".join((name or "").split())
        window.kind = kind
        window.term = term
        window.opens_on = opens_on
        window.closes_on = closes_on
        window.asks_contacts = asks_contacts
        window.full_clean()
        window.save()
        window.surveys.set(surveys)
        return window


def window_accepts_answers(*, response: SurveyResponse, today: datetime.date | None = None) -> None:
    """Raise a ValidationError saying why when ``response`` may take no answer now: it is finished, or its window
    is closed or not open yet (the school's today). A response outside any window (an exit survey) takes answers
    until it is finished. Every answer service calls it: a closed window accepts nothing more."""
    if response.is_submitted:
        raise ValidationError(_("This survey is finished: its answers were sent and can't be changed."))
    window = response.window
    if window is None:
        return
    today = today or school_today(response.program.school)
    if today > window.closes_on:
        raise ValidationError(
            _("This survey closed on %(day)s: it accepts no more answers.") % {"day": _day(window.closes_on)}
        )
    if today < window.opens_on:
        raise ValidationError(_("This survey opens on %(day)s: come back then.") % {"day": _day(window.opens_on)})


def _day(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


# --- Invitations and nudges ---------------------------------------------------------------------------------------

# Staff and families hear by email; peers and students never (many are under 13): they find their surveys in the app.
EMAILED = (Audience.STAFF, Audience.FAMILY)
NUDGE_AFTER = datetime.timedelta(days=3)
MOST_NUDGES = 2


def _respondents(window: SurveyWindow, survey: Survey) -> list[SurveyResponse]:
    """The responses ``survey`` should have in ``window`` (unsaved): one per active peer, focus student, member of
    the planning team, or focus student whose family has an email (the guardian is read here only, never shown)."""
    program = window.program
    base = {"program": program, "survey": survey, "window": window, "respondent": survey.audience}
    if survey.audience == Audience.PEER:
        return [SurveyResponse(**base, student=s) for s in active_participants(program=program, kind=PEER)]
    if survey.audience == Audience.FOCUS_STUDENT:
        return [SurveyResponse(**base, student=s) for s in active_participants(program=program, kind=FOCUS)]
    if survey.audience == Audience.STAFF:
        return [SurveyResponse(**base, user=u) for u in team_users(program=program) if u.is_active]
    with_email = Guardian.objects.filter(
        student__in=active_participants(program=program, kind=FOCUS), student__school_id=program.school_id
    ).exclude(email="")
    students = Student.objects.filter(pk__in=with_email.values("student_id")).order_by("pk")
    return [SurveyResponse(**base, student=s) for s in students]


def window_responses_ensure(*, window: SurveyWindow) -> SurveyWindow:
    """Make the response each respondent of the window's surveys should have, once (the constraints
    ``response_once_per_window_*`` keep a second run, or a run at the same time, from making another); nobody is
    invited. Returns the window, locked for the rest of the caller's transaction."""
    with transaction.atomic():
        window = SurveyWindow.objects.select_for_update().select_related("program__school").get(pk=window.pk)
        for survey in window.surveys.order_by("pk"):
            SurveyResponse.objects.bulk_create(_respondents(window, survey), ignore_conflicts=True)
        return window


def _family_email(student_id: int) -> str:
    guardian = Guardian.objects.filter(student_id=student_id).exclude(email="").order_by("-is_primary", "pk").first()
    return guardian.email if guardian is not None else ""


def survey_invitations_send(
    *, window: SurveyWindow, today: datetime.date | None = None, now: datetime.datetime | None = None, email=True
) -> int:
    """Invite the respondents of every survey in an open window: one response each (made once: pressing "Invite"
    again only invites who joined since), ``invited_at`` recorded, and an email through the outbox to each staff
    member and family (a link, no student's name, no answer). Refused for a window not open yet or closed.
    ``today``/``now``: the demo invites past windows as if on their first day, with ``email=False`` (nobody is
    emailed about a window long closed). Returns how many were invited now."""
    program = window.program
    today = today or school_today(program.school)
    now = now or timezone.now()
    if today > window.closes_on:
        raise ValidationError(_("This window is closed: it accepts nothing more, so nobody is invited."))
    if today < window.opens_on:
        raise ValidationError(
            _("This window opens on %(day)s; invitations go out that day.") % {"day": _day(window.opens_on)}
        )
    with transaction.atomic():
        window = window_responses_ensure(window=window)
        invited = list(
            SurveyResponse.objects.select_for_update(of=("self",))
            .filter(window=window, invited_at__isnull=True)
            .select_related("survey", "user")
            .order_by("pk")
        )
        for response in invited:
            response.invited_at = now
            if email:
                _invite_email(response)
        SurveyResponse.objects.bulk_update(invited, ["invited_at"])
        if window.invited_at is None:
            window.invited_at = now
            window.save(update_fields=["invited_at"])
        return len(invited)


def _link(response: SurveyResponse) -> str:
    if response.respondent == Audience.FAMILY:
        path = reverse("evaluation:family_survey", kwargs={"token": family_link_token(response)})
    else:
        path = reverse("evaluation:answer", kwargs={"pk": response.pk})
    return settings.SITE_URL + path


def _email_to(response: SurveyResponse) -> tuple[str, str]:
    """The address and the greeting's name (a staff member's first name; a family: none)."""
    if response.respondent == Audience.STAFF:
        user = response.user
        return (user.email if user.is_active else "", user.first_name or user.get_username())
    if response.respondent == Audience.FAMILY:
        return _family_email(response.student_id), ""
    return "", ""


def _survey_email(response: SurveyResponse, *, template: str, key: str, window: SurveyWindow) -> bool:
    to, first_name = _email_to(response)
    if not to:
        return False
    email_queue(
        template=template,
        context={
            "first_name": first_name,
            "family": response.respondent == Audience.FAMILY,
            "program": window.program,
            "closes_on": _day(window.closes_on),
            "url": _link(response),
        },
        to=to,
        school=window.program.school,
        key=key,
    )
    return True


def _invite_email(response: SurveyResponse) -> bool:
    return _survey_email(
        response,
        template="evaluation/surveys/emails/invitation",
        key=f"survey-invite:{response.pk}",
        window=response.window,
    )


def survey_windows_open(*, today: datetime.date | None = None) -> int:
    """Invite every window that has opened and was never invited (the daily task). Returns how many responses were
    invited."""
    invited = 0
    for window in _windows_around(today).filter(invited_at__isnull=True):
        day = today or school_today(window.program.school)
        if window.is_open(day):
            invited += survey_invitations_send(window=window, today=day)
    return invited


def _windows_around(today: datetime.date | None):
    """Windows that may be open today in some school's time zone (a day either side of the server's date)."""
    day = today or timezone.now().date()
    return (
        SurveyWindow.objects.filter(
            opens_on__lte=day + datetime.timedelta(days=1), closes_on__gte=day - datetime.timedelta(days=1)
        )
        .select_related("program__school")
        .order_by("pk")
    )


def survey_nudges_send(*, today: datetime.date | None = None) -> int:
    """Politely remind each staff member and family who has not finished a survey of an open window: invited at
    least three days ago, last reminded at least three days ago, at most twice. Each reminder is claimed by a
    conditional UPDATE (``nudge_count`` still what was read) and queued in the same transaction under a key per
    (response, reminder): run twice, or twice at once, it sends each once. Returns how many were queued."""
    sent = 0
    for window in _windows_around(today):
        day = today or school_today(window.program.school)
        if not window.is_open(day):
            continue
        # Stamped at noon of ``today`` when the day is given (the demo and the tests walk through days).
        now = timezone.now() if today is None else datetime.datetime.combine(day, datetime.time(12), datetime.UTC)
        cutoff = now - NUDGE_AFTER
        due = (
            SurveyResponse.objects.filter(
                window=window, respondent__in=EMAILED, nudge_count__lt=MOST_NUDGES, invited_at__lte=cutoff
            )
            .exclude(status=ResponseStatus.SUBMITTED)
            .filter(Q(last_nudged_at__isnull=True) | Q(last_nudged_at__lte=cutoff))
            .select_related("user")
            .order_by("pk")
        )
        for response in due:
            sent += _nudge(response, window=window, now=now)
    return sent


def _nudge(response: SurveyResponse, *, window: SurveyWindow, now: datetime.datetime) -> int:
    count = response.nudge_count
    with transaction.atomic():
        claimed = (
            SurveyResponse.objects.filter(pk=response.pk, nudge_count=count)
            .exclude(status=ResponseStatus.SUBMITTED)
            .update(nudge_count=count + 1, last_nudged_at=now)
        )
        if not claimed:
            return 0
        return int(
            _survey_email(
                response,
                template="evaluation/surveys/emails/nudge",
                key=f"survey-nudge:{response.pk}:{count}",
                window=window,
            )
        )


# --- Quotes ----------------------------------------------------------------------------------------------------------

QUOTABLE = (QuoteConsent.STUDENT, QuoteConsent.FAMILY)


def quote_consent_record(*, response: SurveyResponse, consent: str) -> SurveyResponse:
    """The coordinator records the family's consent given on paper (or takes a consent back: its quotes are
    unselected). A student's own consent is given on their form."""
    if consent not in (QuoteConsent.FAMILY, QuoteConsent.NONE):
        raise ValidationError(_("Record the family's consent, or that there is none."))
    if response.student_id is None:
        raise ValidationError(_("Only a student's or a family's answers may be quoted."))
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        response.quote_consent = consent
        response.save(update_fields=["quote_consent", "updated_at"])
        if consent == QuoteConsent.NONE:
            response.answers.update(quote_selected=False)
        return response


def quotes_select(*, response: SurveyResponse, answer_ids) -> int:
    """Choose which of the response's answers may be quoted (without a name): only when the student or the family
    consented. Returns how many are selected."""
    with transaction.atomic():
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        chosen = set(answer_ids)
        if chosen and response.quote_consent not in QUOTABLE:
            raise ValidationError(
                _("These answers can't be quoted: neither the student nor the family agreed to quotes.")
            )
        answers = list(response.answers.all())
        unknown = chosen - {answer.pk for answer in answers}
        if unknown:
            raise ValidationError(_("Choose answers of this response."))
        for answer in answers:
            answer.quote_selected = answer.pk in chosen
        SurveyAnswer.objects.bulk_update(answers, ["quote_selected"])
        return len(chosen)
