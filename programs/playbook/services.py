"""Write side of the year playbook: generate this year's from the guide's steps, change one step, copy to next year.

Keyword-only, validated before writing, one transaction each; generating and copying lock the program's row, so two
coordinators pressing the button together make one playbook (the second is told it exists)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from schools.dates import school_today
from schools.models import Term

from ..models import Playbook, PlaybookStep, Program
from ..playbook_template import GUIDE_STEPS
from ..selectors import team_users
from ..services import is_staff_of

# A step set further than this from its school year is a typing mistake (a year typed wrong), not a plan.
DATE_WINDOW = datetime.timedelta(days=365)


def step_date(*, school_year: Term, anchor: str, offset_days: int) -> datetime.date:
    """The day ``offset_days`` after (negative: before) the first or last day of ``school_year``."""
    day = school_year.end_date if anchor == PlaybookStep.Anchor.YEAR_END else school_year.start_date
    return day + datetime.timedelta(days=offset_days)


def _lock_program(program: Program) -> Program:
    return Program.objects.select_for_update().select_related("school").get(pk=program.pk)


def _check_new_playbook(program: Program, school_year: Term | None) -> None:
    if school_year is None:
        raise ValidationError(
            _("Enter this school year as a term first: the playbook's dates are counted from its first and last "
              "days."),
            code="no_school_year",
        )
    if school_year.school_id != program.school_id or school_year.kind != Term.Kind.SCHOOL_YEAR:
        raise ValidationError(_("Choose a school year of %(school)s.") % {"school": program.school})
    if Playbook.objects.filter(program=program, school_year=school_year).exists():
        raise ValidationError(
            _("%(program)s already has a playbook for %(year)s.") % {"program": program.name, "year": school_year},
            code="exists",
        )


def _check_step(step: PlaybookStep) -> None:
    year = step.playbook.school_year
    if step.due_on and not year.start_date - DATE_WINDOW <= step.due_on <= year.end_date + DATE_WINDOW:
        raise ValidationError(
            {"due_on": _("Choose a date within a year of %(year)s (%(start)s – %(end)s).")
             % {"year": year.name, "start": year.start_date.isoformat(), "end": year.end_date.isoformat()}}
        )
    if step.owner is not None and not is_staff_of(step.owner, step.playbook.program.school):
        raise ValidationError({"owner": _("Choose a staff member of %(school)s as the owner.")
                               % {"school": step.playbook.program.school}})
    step.full_clean()


@transaction.atomic
def playbook_generate(*, program: Program, school_year: Term | None) -> Playbook:
    """The program's playbook for ``school_year``, made from the guide's steps, every step owned by the program's
    coordinator (the first of the planning team with an account). Refused when one exists."""
    program = _lock_program(program)
    _check_new_playbook(program, school_year)
    playbook = Playbook(program=program, school_year=school_year)
    playbook.full_clean()
    playbook.save()
    owners = team_users(program=program)
    owner = owners[0] if owners else None
    steps = []
    for order, template in enumerate(GUIDE_STEPS):
        step = PlaybookStep(
            playbook=playbook, template_key=template.key, title=template.title, description=template.description,
            anchor=template.anchor, offset_days=template.offset_days, link_name=template.link_name, order=order,
            owner=owner,
            due_on=step_date(school_year=school_year, anchor=template.anchor, offset_days=template.offset_days),
        )
        step.full_clean()
        steps.append(step)
    PlaybookStep.objects.bulk_create(steps)
    return playbook


@transaction.atomic
def playbook_copy_to_next_year(*, playbook: Playbook) -> Playbook:
    """Next school year's playbook, with this one's steps (done and skipped ones too: next year starts afresh).
    Steps counted from the year keep their offset and get next year's dates; a date set by hand moves by the
    difference between the two years' first days. Refused when next year is not entered or already has one."""
    program = _lock_program(playbook.program)
    this_year = playbook.school_year
    next_year = Term.objects.next_school_year(program.school, after=this_year.start_date)
    if next_year is None:
        raise ValidationError(
            _("Enter next school year as a term first: the playbook's dates are counted from its first and last "
              "days."),
            code="no_school_year",
        )
    _check_new_playbook(program, next_year)
    copy = Playbook(program=program, school_year=next_year, copied_from=playbook)
    copy.full_clean()
    copy.save()
    shift = next_year.start_date - this_year.start_date
    steps = []
    for step in playbook.steps.select_related("owner").order_by("order", "pk"):
        if step.date_set_by_hand:
            due_on = step.due_on + shift
        else:
            due_on = step_date(school_year=next_year, anchor=step.anchor, offset_days=step.offset_days)
        new = PlaybookStep(
            playbook=copy, template_key=step.template_key, title=step.title, description=step.description,
            anchor=step.anchor, offset_days=step.offset_days, due_on=due_on, date_set_by_hand=step.date_set_by_hand,
            owner=step.owner if step.owner is not None and step.owner.is_active else None,
            link_name=step.link_name, order=step.order,
        )
        new.full_clean()
        steps.append(new)
    PlaybookStep.objects.bulk_create(steps)
    return copy


@transaction.atomic
def playbook_step_update(
    *,
    step: PlaybookStep,
    title: str,
    description: str = "",
    owner=None,
    anchor: str,
    offset_days: int,
    due_on: datetime.date | None = None,
) -> PlaybookStep:
    """Change a step. With ``due_on`` the date is set by hand (kept when the year's dates are recomputed, shifted
    when copied); without it the date is counted again from the school year by ``anchor`` and ``offset_days``."""
    step = PlaybookStep.objects.select_for_update().select_related("playbook__school_year",
                                                                    "playbook__program__school").get(pk=step.pk)
    step.title = title.strip()
    step.description = description.strip()
    step.owner = owner
    step.anchor = anchor
    step.offset_days = offset_days
    if due_on is None:
        step.due_on = step_date(school_year=step.playbook.school_year, anchor=anchor, offset_days=offset_days)
        step.date_set_by_hand = False
    else:
        step.due_on = due_on
        step.date_set_by_hand = True
    _check_step(step)
    step.save()
    return step


@transaction.atomic
def playbook_step_add(
    *, playbook: Playbook, title: str, description: str = "", owner=None, due_on: datetime.date
) -> PlaybookStep:
    """A step of the coordinator's own, on the date they chose (set by hand: copied with the year's shift)."""
    last = playbook.steps.order_by("-order").values_list("order", flat=True).first()
    step = PlaybookStep(
        playbook=playbook, title=title.strip(), description=description.strip(), owner=owner, due_on=due_on,
        date_set_by_hand=True, order=(last or 0) + 1,
        offset_days=(due_on - playbook.school_year.start_date).days if due_on else 0,
    )
    _check_step(step)
    step.save()
    return step


@transaction.atomic
def playbook_step_mark_done(*, step: PlaybookStep, on: datetime.date | None = None) -> PlaybookStep:
    """Done today (the school's day), or on an earlier day ``on``; done twice is still done once."""
    today = school_today(step.playbook.program.school)
    if on is not None and on > today:
        raise ValidationError(_("A step cannot be done on a day still to come."))
    if step.done_on is None:
        step.done_on = on or today
        step.skipped = False
        step.save(update_fields=["done_on", "skipped"])
    return step


@transaction.atomic
def playbook_step_skip(*, step: PlaybookStep) -> PlaybookStep:
    """Not this year: kept in the playbook (and copied to next year), no longer late."""
    step.skipped = True
    step.done_on = None
    step.save(update_fields=["skipped", "done_on"])
    return step


@transaction.atomic
def playbook_step_reopen(*, step: PlaybookStep) -> PlaybookStep:
    step.skipped = False
    step.done_on = None
    step.save(update_fields=["skipped", "done_on"])
    return step
