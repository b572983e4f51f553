"""The demo programs' year playbooks, for seed_demo: this school year's, generated from the guide's steps, with every
step due before today done on its date except "Start the activities" (shared activities are not recorded yet in the
demo), which the coordinator's dashboard shows as late. Idempotent: a program with a playbook for the year is left as
it is."""

from programs.models import Playbook, PlaybookStep, Program
from schools.dates import school_today

from . import selectors, services

LATE_STEP = "start_of_activities"


def seed(*, password: str) -> str:
    made = 0
    for program in Program.objects.select_related("school").order_by("pk"):
        today = school_today(program.school)
        year = selectors.school_year_to_plan(school=program.school, today=today)
        if year is None or Playbook.objects.filter(program=program, school_year=year).exists():
            continue
        playbook = services.playbook_generate(program=program, school_year=year)
        for step in PlaybookStep.objects.filter(playbook=playbook, due_on__lt=today).exclude(template_key=LATE_STEP):
            services.playbook_step_mark_done(step=step, on=step.due_on)
        made += 1
    return f"{made} year playbooks" if made else ""
