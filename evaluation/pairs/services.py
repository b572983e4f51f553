"""Pair health, the write side: the monthly check-in (from the peer, from the focus student, perhaps with staff
support), a staff member's "match problem" flag, the follow-up, and exit surveys. Keyword-only, ``full_clean()``
before saving, one transaction each.

A check-in may be changed during its month until staff have followed it up (the follow-up answers what was said). A
match problem, once raised, stays raised until followed up: the coordinator was already told.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.selectors import active_participants, school_programs, team_users
from recruitment import selectors as recruitment_selectors
from schools.dates import school_today
from schools.models import School, Student
from schools.services import email_queue

from ..models import AnsweredHow, Audience, PairCheckIn, SupportMode, Survey, SurveyResponse
from ..surveys.services import surveys_ensure
from . import selectors

Side = PairCheckIn.Side
NOTE_MAX = PairCheckIn._meta.get_field("note_to_staff").max_length


def _check_note(note: str) -> str:
    note = (note or "").replace("\r\n", "\n").strip()
    # A TextField's max_length is not checked by ``full_clean()``.
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {
                "note_to_staff": _("This is %(n)s characters long; the most is %(limit)s.")
                % {"n": len(note), "limit": NOTE_MAX}
            }
        )
    return note


def _is_pair_of(pair, student) -> bool:
    return student is not None and student.pk in (pair.peer_id, pair.focus_student_id)


def check_in_save(
    *,
    pair,
    student,
    side: str,
    month: datetime.date,
    meetings: str,
    going: str,
    note_to_staff: str = "",
    match_problem: bool = False,
    answered_how: str = "",
    support_modes: list | None = None,
    entered_by=None,
    today: datetime.date | None = None,
) -> tuple[PairCheckIn, bool]:
    """Write or change this month's check-in of ``pair`` from ``student``'s side (the peer's, or the focus
    student's). Refuses a pair the student is not in, a pair no longer confirmed, another month than this one and a
    check-in already followed up. A match problem raised now queues one email to the program's coordinator in this
    transaction. Returns the check-in and whether a match problem was raised now. ``today`` is the school's today
    (the demo writes earlier months as if then)."""
    if not _is_pair_of(pair, student) or side != selectors.side_of(student):
        raise ValidationError(_("You can only check in about your own partner."))
    today = today or school_today(pair.program.school)
    current = selectors.month_of(today)
    if month != current:
        raise ValidationError(_("You can only check in for this month (%(month)s).") % {"month": f"{current:%B %Y}"})
    if side == Side.FOCUS_STUDENT:
        if answered_how not in AnsweredHow.values:
            raise ValidationError({"answered_how": _("Say how the student answered.")})
        modes = [mode for mode in (support_modes or []) if mode in SupportMode.values]
        if answered_how == AnsweredHow.WITH_SUPPORT and not modes:
            raise ValidationError({"support_modes": _("Choose the support the student used.")})
        if answered_how != AnsweredHow.WITH_SUPPORT:
            modes = []
    else:
        answered_how, modes = "", []
    with transaction.atomic():
        # The student's own row is locked first: a double tap waits, then edits the check-in the first one made.
        Student.objects.select_for_update().filter(pk=student.pk).first()
        if not recruitment_selectors.student_confirmed_pairs(student=student, on=today).filter(pk=pair.pk).exists():
            raise ValidationError(_("This partnership is not active any more."))
        check_in = PairCheckIn.objects.select_for_update().filter(
            program=pair.program, peer=pair.peer, focus_student=pair.focus_student, month=month, side=side
        ).first() or PairCheckIn(
            program=pair.program, peer=pair.peer, focus_student=pair.focus_student, month=month, side=side
        )
        if check_in.followed_up_at is not None:
            raise ValidationError(_("A staff member has already followed up this check-in, so it can't be changed."))
        raised = match_problem and not check_in.match_problem
        check_in.meetings = meetings
        check_in.going = going
        check_in.note_to_staff = _check_note(note_to_staff)
        check_in.match_problem = check_in.match_problem or match_problem
        check_in.answered_how = answered_how
        check_in.support_modes = modes
        check_in.entered_by = entered_by
        if not meetings:
            raise ValidationError({"meetings": _("Choose how often you met.")})
        if not going:
            raise ValidationError({"going": _("Choose how it is going.")})
        check_in.full_clean()
        check_in.save()
        if raised:
            _tell_coordinator(check_in)
        return check_in, raised


def match_problem_flag(*, pair, by, note: str, today: datetime.date | None = None) -> PairCheckIn:
    """A staff member flags a match problem on a confirmed pair: this month's staff check-in, with the note. Refused
    while this month's staff flag is still open (it is already with the coordinator) or once it was followed up
    this month (a new month starts a new one)."""
    note = _check_note(note)
    if not note:
        raise ValidationError({"note_to_staff": _("Say in a few words what the problem is.")})
    month = selectors.month_of(today or school_today(pair.program.school))
    with transaction.atomic():
        check_in, made = PairCheckIn.objects.select_for_update().get_or_create(
            program=pair.program,
            peer=pair.peer,
            focus_student=pair.focus_student,
            month=month,
            side=Side.STAFF,
            defaults={"match_problem": True, "note_to_staff": note, "entered_by": by},
        )
        if not made:
            if check_in.needs_follow_up:
                raise ValidationError(_("A match problem is already flagged for this pair and waits for a follow-up."))
            if check_in.followed_up_at is not None:
                raise ValidationError(
                    _("A match problem was flagged and followed up this month. Talk with the coordinator directly.")
                )
            check_in.match_problem, check_in.note_to_staff, check_in.entered_by = True, note, by
        check_in.full_clean()
        check_in.save()
        _tell_coordinator(check_in)
        return check_in


def _tell_coordinator(check_in: PairCheckIn) -> None:
    """One email to the program's coordinator (or, with none, the first of its planning team with an address): that
    a pair needs a follow-up, and where to look. No student's name and no words of the check-in: the email leaves the
    school's system, the page does not (minimum necessary)."""
    program = check_in.program
    to = next((user for user in team_users(program=program) if user.is_active and user.email), None)
    if to is None:
        return
    email_queue(
        template="evaluation/pairs/emails/match_problem",
        context={
            "first_name": to.first_name or to.get_username(),
            "program": program,
            "url": settings.SITE_URL + reverse("evaluation:pair_check_in_detail", kwargs={"pk": check_in.pk}),
        },
        to=to.email,
        school=program.school,
        key=f"pair-match-problem:{check_in.pk}",
    )


def follow_up_record(*, check_in: PairCheckIn, by, note: str, now: datetime.datetime | None = None) -> PairCheckIn:
    """Record what was done about a match problem: it leaves the dashboard. Refused for a check-in with no problem
    or one already followed up (the first account stays)."""
    with transaction.atomic():
        check_in = PairCheckIn.objects.select_for_update().get(pk=check_in.pk)
        if not check_in.match_problem:
            raise ValidationError(_("This check-in did not raise a match problem."))
        if check_in.followed_up_at is not None:
            raise ValidationError(_("The follow-up was already recorded."))
        check_in.follow_up_note = " ".join((note or "").split())
        if not check_in.follow_up_note:
            raise ValidationError({"follow_up_note": _("Say in a few words what was done.")})
        check_in.followed_up_at = now or timezone.now()
        check_in.followed_up_by = by
        check_in.full_clean()
        check_in.save(update_fields=["followed_up_at", "followed_up_by", "follow_up_note", "updated_at"])
        return check_in


# --- Exit surveys -----------------------------------------------------------------------------------------------

# Pairs that ended longer ago than this (their term ended, or the peer left) are not offered an exit survey: the
# daily task must not survey partnerships of past years the day it first runs.
EXIT_LOOKBACK_DAYS = 120


def _exit_surveys(program) -> tuple[Survey | None, Survey | None]:
    surveys_ensure(program=program)
    found = {s.starter: s for s in Survey.objects.filter(program=program, starter__in=("exit_peer", "exit_student"))}
    peer_survey, student_survey = found.get("exit_peer"), found.get("exit_student")
    # A survey the coordinator retired is not offered.
    return (
        peer_survey if peer_survey and peer_survey.is_active else None,
        student_survey if student_survey and student_survey.is_active else None,
    )


def exit_surveys_make(*, program, peer, focus_student) -> int:
    """Offer the exit surveys of one pair: the peer's (``exit_peer``, about the focus student) and the focus
    student's (``exit_student``, about the peer), outside any window, once each (the school's row is locked: two runs
    at once make one of each). They show on each one's "My surveys"; nobody is emailed. Returns how many were made."""
    peer_survey, student_survey = _exit_surveys(program)
    made = 0
    with transaction.atomic():
        School.objects.select_for_update().filter(pk=program.school_id).first()
        for survey, student, partner, respondent in (
            (peer_survey, peer, focus_student, Audience.PEER),
            (student_survey, focus_student, peer, Audience.FOCUS_STUDENT),
        ):
            if survey is None or not student.is_active:
                continue
            exists = SurveyResponse.objects.filter(
                survey=survey, window=None, student=student, partner=partner
            ).exists()
            if exists:
                continue
            response = SurveyResponse(
                program=program,
                survey=survey,
                window=None,
                respondent=respondent,
                student=student,
                partner=partner,
                invited_at=timezone.now(),
            )
            response.full_clean()
            response.save()
            made += 1
    return made


def exit_surveys_offer(*, program, today: datetime.date) -> int:
    """Offer exit surveys for the program's pairs that ended lately: a match the coordinator ended (its term ended
    within ``EXIT_LOOKBACK_DAYS``, or is still running), or a confirmed pair whose peer stopped taking part in the
    program. A pair still confirmed in another term of the program has not ended. Idempotent (run daily)."""
    since = today - datetime.timedelta(days=EXIT_LOOKBACK_DAYS)
    confirmed = recruitment_selectors.confirmed_pairs(program=program)
    still_paired = set(confirmed.values_list("peer_id", "focus_student_id"))
    ended = {
        (m.peer, m.focus_student)
        for m in recruitment_selectors.ended_pairs(program=program).filter(term__end_date__gte=since)
        if (m.peer_id, m.focus_student_id) not in still_paired
    }
    # A peer who stopped taking part: their participation in the program ended lately and none is open now.
    left = set(
        Student.objects.filter(
            program_participations__program=program,
            program_participations__status="left",
            program_participations__left_on__gte=since,
        ).values_list("pk", flat=True)
    ) - set(active_participants(program=program).values_list("pk", flat=True))
    peer_left = {(m.peer, m.focus_student) for m in confirmed.filter(term__end_date__gte=since) if m.peer_id in left}
    made = 0
    for peer, focus_student in sorted(ended | peer_left, key=lambda pair: (pair[0].pk, pair[1].pk)):
        made += exit_surveys_make(program=program, peer=peer, focus_student=focus_student)
    return made


def exit_surveys_offer_all() -> int:
    """Every program of every school (the daily task), each on its school's today."""
    made = 0
    for school in School.objects.all():
        today = school_today(school)
        for program in school_programs(school=school):
            made += exit_surveys_offer(program=program, today=today)
    return made
