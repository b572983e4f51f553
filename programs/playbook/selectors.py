"""Read side of the year playbook: the page's steps by month with late ones marked, and the coordinator's panel.
Scoped through ``visible_to(access)``; a fixed number of queries whatever the number of steps."""

import calendar
import datetime
from itertools import groupby

from django.urls import NoReverseMatch, reverse

from schools.dates import school_today
from schools.models import Term

from ..models import Playbook, PlaybookStep


def step_link(link_name: str, program_pk: int) -> str:
    """The page where a step is done: the URL name with the program's pk when it takes one, without otherwise, and
    no link ("") when the name does not resolve (an app not installed yet, a page renamed)."""
    if not link_name:
        return ""
    for kwargs in ({"pk": program_pk}, {"program_pk": program_pk}, {}):
        try:
            return reverse(link_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def school_year_to_plan(*, school, today: datetime.date) -> Term | None:
    """The school year to plan now: the one containing today, or in the summer between two, the next one."""
    return Term.objects.school_year_containing(school, today) or Term.objects.next_school_year(school, after=today)


def _mark(steps, *, today: datetime.date, program_pk: int) -> list[PlaybookStep]:
    for step in steps:
        step.late = step.done_on is None and not step.skipped and step.due_on < today
        step.link = step_link(step.link_name, program_pk)
    return steps


def playbook_page(*, access, program, year=None) -> dict:
    """The program's playbooks (one per school year), the one shown (``year``: a school-year term's pk, else the
    year to plan now, else the latest), its steps grouped by month, and whether this year's can be generated."""
    today = school_today(program.school)
    playbooks = list(
        Playbook.objects.visible_to(access).filter(program=program).select_related("school_year")
        .order_by("school_year__start_date")
    )
    year_to_plan = school_year_to_plan(school=program.school, today=today)
    shown = next((p for p in playbooks if p.school_year_id == year), None) if year is not None else None
    if shown is None:
        shown = next((p for p in playbooks if year_to_plan and p.school_year_id == year_to_plan.pk), None)
    if shown is None and playbooks:
        # No playbook for the year to plan yet (or no year entered): the latest one, beside the offer to make it.
        shown = playbooks[-1]
    months = []
    late_count = 0
    if shown is not None:
        steps = _mark(
            list(PlaybookStep.objects.visible_to(access).filter(playbook=shown).select_related("owner")),
            today=today, program_pk=program.pk,
        )
        late_count = sum(step.late for step in steps)
        for month, in_month in groupby(steps, key=lambda s: s.due_on.replace(day=1)):
            months.append({"month": month, "steps": list(in_month)})
    return {
        "playbooks": playbooks,
        "playbook": shown,
        "months": months,
        "late_count": late_count,
        "today": today,
        "year_to_plan": year_to_plan,
        "can_generate": year_to_plan is not None and all(p.school_year_id != year_to_plan.pk for p in playbooks),
    }


def playbook_panel(access) -> dict:
    """For the coordinator's dashboard: the open steps of the active school's playbooks for the school year under
    way that are due this month or late, each with the page where it is done (one query)."""
    if access.school is None:
        return {"steps": []}
    today = school_today(access.school)
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    steps = list(
        PlaybookStep.objects.visible_to(access).open()
        .filter(
            due_on__lte=month_end,
            playbook__school_year__start_date__lte=today,
            playbook__school_year__end_date__gte=today,
        )
        .select_related("playbook__program", "owner")
        .order_by("due_on", "playbook__program__name", "pk")
    )
    for step in steps:
        step.late = step.due_on < today
        step.link = step_link(step.link_name, step.playbook.program_id)
    return {"steps": steps, "today": today}


def due_steps(*, program, today: datetime.date, weeks: int = 6) -> list[PlaybookStep]:
    """The open steps of the program's playbooks that are late or due within ``weeks`` (what a planning meeting's
    agenda picks from), soonest first: one query."""
    steps = list(
        PlaybookStep.objects.open()
        .filter(playbook__program=program, due_on__lte=today + datetime.timedelta(weeks=weeks))
        .filter(playbook__school_year__end_date__gte=today - datetime.timedelta(weeks=weeks))
        .select_related("owner")
        .order_by("due_on", "order", "pk")
    )
    return _mark(steps, today=today, program_pk=program.pk)
