"""Writes of the facilitation area: a supervising adult's log of one occurrence (for one focus student or the whole
group) and a focus student's dated support changes. Keyword-only, validated with ``full_clean()``, one transaction
each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schools.dates import school_today

from ..models import FacilitationLog, Occurrence, SupportChange
from . import selectors


def occurrence_refusal(*, occurrence: Occurrence, today=None) -> str | None:
    """Why no log can be kept for ``occurrence`` now (cancelled, or still to come), or None."""
    if occurrence.is_cancelled or occurrence.activity.is_cancelled:
        return _("This occurrence was cancelled: there is nothing to log.")
    today = today or school_today(occurrence.activity.program.school)
    if occurrence.date > today:
        return _("This occurrence has not happened yet: log it on the day or after.")
    return None


@transaction.atomic
def facilitation_log_save(
    *,
    occurrence: Occurrence,
    student,
    by,
    strategies: list[str],
    adult_support: str,
    initiations_by_student: int = 0,
    initiations_by_peers: int = 0,
    interaction_quality: int | None = None,
    goals=None,
    note: str = "",
    today=None,
) -> tuple[FacilitationLog, bool]:
    """Save ``by``'s log of ``occurrence`` for ``student`` (None: the whole group); logging again edits the same
    log. ``goals``: the IEP goals practised (the student's own), or None to leave them as they are (the person may not
    see them). Returns (log, created)."""
    refusal = occurrence_refusal(occurrence=occurrence, today=today)
    if refusal:
        raise ValidationError(refusal)
    if student is not None and student.pk not in selectors.focus_student_ids(occurrence=occurrence):
        raise ValidationError({"student": _("Choose a focus student placed in this activity.")})
    goals = list(goals) if goals is not None else None
    if goals and (student is None or any(goal.student_id != student.pk for goal in goals)):
        raise ValidationError({"goals": _("Choose goals from this student's own IEP goals.")})
    log = (
        FacilitationLog.objects.select_for_update().filter(occurrence=occurrence, student=student, logged_by=by).first()
    )
    created = log is None
    if created:
        log = FacilitationLog(occurrence=occurrence, student=student, logged_by=by)
    log.strategies = list(dict.fromkeys(strategies))
    log.adult_support = adult_support
    log.initiations_by_student = initiations_by_student
    log.initiations_by_peers = initiations_by_peers
    log.interaction_quality = interaction_quality
    log.note = note
    log.full_clean()
    log.save()
    if goals is not None:
        log.goals_practised.set(goals)
    return log, created


@transaction.atomic
def support_change_add(*, student, date, what: str, kind: str = SupportChange.Kind.CHANGE, by=None) -> SupportChange:
    change = SupportChange(student=student, date=date, what=what.strip(), kind=kind, added_by=by)
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def support_change_delete(*, change: SupportChange) -> None:
    change.delete()
