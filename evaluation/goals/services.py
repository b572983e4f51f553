"""Goal attainment scaling workflows: write a scale (at most three per student, program and term), edit it until it
is locked, lock it before the term starts (after that, only with a reason), and rate it at mid and end of term.

Keyword-only; each change is one transaction. ``now`` dates a change as if then (the demo writes last spring's scales
before that term started)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.dates import school_today
from schools.models import AccessLogEntry, Membership, Role, Student
from schools.services import record_access

from ..models import GoalRating, GoalScale, RatingPoint
from .selectors import SCALES_PER_TERM, rating_opens

LEVEL_FIELDS = ("level_minus_2", "level_minus_1", "level_0", "level_plus_1", "level_plus_2")
# What a lock fixes: the goal and its levels (raters may still change: someone leaves, someone joins).
LOCKED_FIELDS = ("iep_goal", "title", "weight", *LEVEL_FIELDS)


def _today(school, now):
    return school_today(school, now=now)


def _check_goal(student, iep_goal) -> None:
    if iep_goal is not None and iep_goal.student_id != student.pk:
        raise ValidationError({"iep_goal": _("Choose one of this student's own IEP goals.")})


def _check_raters(school, raters) -> None:
    staff = set(
        Membership.objects.filter(school=school, is_active=True, user__is_active=True).values_list("user_id", flat=True)
    )
    if any(rater.pk not in staff for rater in raters):
        raise ValidationError({"raters": _("Choose raters among your school's staff.")})


def _log_change(*, by, scale, what: str) -> None:
    record_access(
        user=by,
        school=scale.student.school,
        student=scale.student,
        action=AccessLogEntry.Action.CHANGE,
        what=what,
    )


def scale_create(
    *, program, term, student, by, iep_goal, title: str, weight: int, levels: dict, raters, now=None
) -> GoalScale:
    """A new scale for the student in the program's term. The student's row is locked first so two people writing at
    once can't make a fourth scale."""
    with transaction.atomic():
        Student.objects.select_for_update().get(pk=student.pk)
        if term.end_date < _today(program.school, now):
            raise ValidationError({"term": _("This term has ended: write scales for a term that has not.")})
        count = GoalScale.objects.filter(program=program, term=term, student=student).count()
        if count >= SCALES_PER_TERM:
            raise ValidationError(
                _("%(name)s already has %(count)d goal scales in %(term)s: at most three goals are scaled per term.")
                % {"name": student.first_name, "count": count, "term": term.name}
            )
        _check_goal(student, iep_goal)
        _check_raters(program.school, raters)
        scale = GoalScale(
            program=program,
            term=term,
            student=student,
            iep_goal=iep_goal,
            title=(title or "").strip(),
            weight=weight,
            written_by=by,
            **{name: (levels.get(name) or "").strip() for name in LEVEL_FIELDS},
        )
        scale.full_clean()
        scale.save()
        scale.raters.set(raters)
        if now is not None:
            GoalScale.objects.filter(pk=scale.pk).update(created_at=now)
        _log_change(by=by, scale=scale, what=f"goal attainment scale written: {scale.title}")
        return scale


def scale_update(*, scale, by, iep_goal, title: str, weight: int, levels: dict, raters) -> GoalScale:
    """Edit a scale. A locked scale keeps its goal, weight and levels (message); its raters may still change."""
    with transaction.atomic():
        scale = (
            GoalScale.objects.select_for_update().select_related("student__school", "program__school").get(pk=scale.pk)
        )
        values = {"iep_goal": iep_goal, "title": (title or "").strip(), "weight": weight}
        values.update({name: (levels.get(name) or "").strip() for name in LEVEL_FIELDS})
        if scale.is_locked and any(getattr(scale, name) != value for name, value in values.items()):
            raise ValidationError(
                _("This scale is locked: its goal, weight and levels can't be changed (only who rates it).")
            )
        _check_goal(scale.student, iep_goal)
        _check_raters(scale.program.school, raters)
        for name, value in values.items():
            setattr(scale, name, value)
        scale.full_clean()
        scale.save()
        scale.raters.set(raters)
        _log_change(by=by, scale=scale, what=f"goal attainment scale edited: {scale.title}")
        return scale


def scale_lock(*, scale, by, reason: str = "", now: datetime.datetime | None = None) -> GoalScale:
    """Lock the scale's levels before rating. Before the term's first day nothing else is asked; once the term has
    started, locking needs a reason (kept, and shown wherever the scale is)."""
    with transaction.atomic():
        scale = GoalScale.objects.select_for_update().select_related("term", "program__school").get(pk=scale.pk)
        if scale.is_locked:
            raise ValidationError(_("This scale is already locked."))
        reason = (reason or "").strip()
        today = _today(scale.program.school, now)
        late = today >= scale.term.start_date
        if late and not reason:
            raise ValidationError(
                {
                    "reason": _("%(term)s started on %(date)s: say why the scale is locked after the term started.")
                    % {"term": scale.term.name, "date": scale.term.start_date.isoformat()}
                }
            )
        scale.locked_at = now or timezone.now()
        scale.locked_by = by
        scale.late_lock_reason = reason if late else ""
        scale.full_clean()
        scale.save(update_fields=["locked_at", "locked_by", "late_lock_reason"])
        return scale


def may_rate_user(*, user, scale) -> bool:
    """The service's own check (a task or a forged request has no page to stop it): a chosen rater, or the school's
    coordinator."""
    if scale.raters.filter(pk=user.pk).exists():
        return True
    return Membership.objects.filter(
        school_id=scale.program.school_id, user=user, role=Role.COORDINATOR, is_active=True
    ).exists()


def goal_rate(*, scale, by, point: str, level: int, note: str = "", now: datetime.datetime | None = None) -> GoalRating:
    """Rate a locked scale at mid or end of term. Rating again at the same point updates the rating (the latest
    rater and day are kept with it)."""
    with transaction.atomic():
        scale = GoalScale.objects.select_for_update().select_related("term", "program__school").get(pk=scale.pk)
        if not may_rate_user(user=by, scale=scale):
            raise ValidationError(_("Only the scale's chosen raters and the coordinator rate it."))
        if not scale.is_locked:
            raise ValidationError(_("Lock the scale before rating it: levels are fixed before anyone rates."))
        if point not in RatingPoint.values:
            raise ValidationError({"point": _("Choose mid-term or end of term.")})
        today = _today(scale.program.school, now)
        opens = rating_opens(scale.term, point)
        if today < opens:
            raise ValidationError(
                {
                    "point": _("The %(point)s rating opens on %(date)s.")
                    % {"point": RatingPoint(point).label.lower(), "date": opens.isoformat()}
                }
            )
        rating = GoalRating.objects.filter(scale=scale, point=point).first() or GoalRating(scale=scale, point=point)
        rating.level = level
        rating.note = (note or "").strip()
        rating.rated_by = by
        rating.rated_on = today
        rating.full_clean()
        rating.save()
        return rating
