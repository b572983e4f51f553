"""The coordinator's dashboard panel: this month's steps of the year under way and what is late, each linking where
it is done; nothing done, skipped, later or of last year."""

import datetime

import time_machine
from django.urls import reverse

from programs.models import PlaybookStep
from programs.playbook import services
from tests.programs.factories import school_year

TODAY = datetime.date(2026, 10, 14)


@time_machine.travel(datetime.datetime(2026, 10, 14, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_the_panel_shows_this_months_and_late_steps(client_for, world, east):
    last_year = school_year(world.school, start=datetime.date(2025, 8, 20), end=datetime.date(2026, 6, 10))
    year = school_year(world.school, start=datetime.date(2026, 8, 20), end=datetime.date(2027, 6, 10))
    services.playbook_generate(program=east.program, school_year=last_year)  # all of last year's open: not shown
    playbook = services.playbook_generate(program=east.program, school_year=year)
    steps = {step.template_key: step for step in playbook.steps.all()}
    services.playbook_step_mark_done(step=steps["planning_team_meets"])
    services.playbook_step_skip(step=steps["faculty_presentation"])
    services.playbook_step_add(playbook=playbook, title="Peer club fair", due_on=datetime.date(2026, 10, 28))
    services.playbook_step_add(playbook=playbook, title="Winter social", due_on=datetime.date(2026, 11, 3))

    response = client_for("coordinator").get(reverse("dashboard"))
    page = response.content.decode()

    assert "The year playbook: this month" in page
    panel = next(p for p in response.context["panels"] if p["template"] == "programs/panels/playbook.html")
    shown = [(step.title, step.late) for step in panel["steps"]]
    assert shown == [
        ("Recruit peers", True),  # Aug 27
        ("Select and match peers", True),  # Sep 10
        ("Hold orientation meetings", True),  # Sep 17
        ("Start the activities", True),  # Sep 24
        ("Peer club fair", False),  # later this month
    ]
    assert f'<a href="{reverse("programs:meetings", kwargs={"pk": east.program.pk})}">' not in page  # done one
    assert f'<a href="{reverse("programs:participants", kwargs={"pk": east.program.pk})}">Start the activities' in page
    assert "Winter social" not in page
    assert PlaybookStep.objects.open().filter(playbook__school_year=last_year).count() == 10


def test_staff_do_not_get_the_panel(client_for, world, east):
    page = client_for("staff").get(reverse("dashboard")).content.decode()
    assert "The year playbook: this month" not in page
