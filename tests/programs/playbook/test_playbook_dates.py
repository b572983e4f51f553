"""The playbook's dates across a school year: the guide's steps counted from its first or last day (before it too),
shifted by offset or set by hand, and steps of the coordinator's own."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programs.models import Playbook, PlaybookStep
from programs.playbook import services
from programs.playbook_template import GUIDE_STEPS
from tests.programs.factories import school_year
from tests.schools.factories import TermFactory

START = datetime.date(2026, 8, 20)
END = datetime.date(2027, 6, 10)


@pytest.fixture
def year(world):
    return school_year(world.school, start=START, end=END, name="2026–27")


def steps_by_key(playbook):
    return {step.template_key: step for step in playbook.steps.all()}


def test_the_guide_steps_are_dated_from_the_first_and_last_day_of_the_year(world, east, year):
    playbook = services.playbook_generate(program=east.program, school_year=year)

    steps = steps_by_key(playbook)
    assert list(steps) == [  # ordered by date
        "planning_team_meets", "faculty_presentation", "recruitment", "selection", "orientation",
        "start_of_activities", "mid_year_check", "reflections", "celebration_and_report", "renewal_and_next_year",
    ]
    # Negative offsets from the start: before the first day.
    assert steps["planning_team_meets"].due_on == datetime.date(2026, 7, 23)
    assert steps["faculty_presentation"].due_on == datetime.date(2026, 8, 6)
    assert steps["recruitment"].due_on == datetime.date(2026, 8, 27)
    assert steps["mid_year_check"].due_on == START + datetime.timedelta(days=130)
    # Counted back from the last day.
    assert steps["reflections"].due_on == datetime.date(2027, 5, 11)
    assert steps["renewal_and_next_year"].due_on == datetime.date(2027, 6, 5)
    assert all(not step.date_set_by_hand and step.done_on is None and not step.skipped for step in steps.values())


def test_every_step_is_owned_by_the_coordinator(world, east, year):
    playbook = services.playbook_generate(program=east.program, school_year=year)
    assert {step.owner for step in playbook.steps.all()} == {world.user("coordinator")}
    assert playbook.steps.count() == len(GUIDE_STEPS)


def test_a_second_playbook_for_the_same_year_is_refused(world, east, year):
    services.playbook_generate(program=east.program, school_year=year)
    with pytest.raises(ValidationError, match="already has a playbook"):
        services.playbook_generate(program=east.program, school_year=year)
    assert Playbook.objects.count() == 1


def test_a_semester_or_another_schools_year_is_not_a_school_year(world, east):
    semester = TermFactory(school=world.school, kind="semester")
    putnam_year = school_year(world.other_school, start=START, end=END)
    for term in (semester, putnam_year, None):
        with pytest.raises(ValidationError):
            services.playbook_generate(program=east.program, school_year=term)
    assert not Playbook.objects.exists()


def test_shifting_by_offset_recounts_from_the_anchor(world, east, year):
    step = steps_by_key(services.playbook_generate(program=east.program, school_year=year))["orientation"]

    step = services.playbook_step_update(step=step, title=step.title, owner=step.owner, anchor="end", offset_days=-45)

    assert step.due_on == END - datetime.timedelta(days=45)
    assert not step.date_set_by_hand


def test_a_date_set_by_hand_is_kept_and_marked(world, east, year):
    step = steps_by_key(services.playbook_generate(program=east.program, school_year=year))["orientation"]

    step = services.playbook_step_update(
        step=step, title="Orientation at lunch", owner=world.user("staff"), anchor="start", offset_days=28,
        due_on=datetime.date(2026, 10, 2),
    )

    step.refresh_from_db()
    assert step.due_on == datetime.date(2026, 10, 2)
    assert step.date_set_by_hand
    assert step.owner == world.user("staff")
    assert step.title == "Orientation at lunch"


def test_a_date_far_from_the_year_or_an_owner_of_another_school_is_refused(world, east, year):
    step = steps_by_key(services.playbook_generate(program=east.program, school_year=year))["orientation"]
    with pytest.raises(ValidationError, match="within a year of 2026–27"):
        services.playbook_step_update(step=step, title="x", anchor="start", offset_days=0,
                                      due_on=datetime.date(2029, 1, 1))
    with pytest.raises(ValidationError, match="staff member of East Elementary"):
        services.playbook_step_update(step=step, title="x", anchor="start", offset_days=0,
                                      owner=world.user("other_coordinator"))
    step.refresh_from_db()
    assert step.due_on == datetime.date(2026, 9, 17)
    assert step.title == "Hold orientation meetings"


def test_a_step_of_ones_own_is_added_on_its_date(world, east, year):
    playbook = services.playbook_generate(program=east.program, school_year=year)

    step = services.playbook_step_add(
        playbook=playbook, title="Inclusive Schools Week", due_on=datetime.date(2026, 12, 1)
    )

    assert step.date_set_by_hand
    assert step.order == len(GUIDE_STEPS)
    assert list(playbook.steps.values_list("title", flat=True)).index("Inclusive Schools Week") == 6


def test_done_skip_and_reopen(world, east, year):
    step = steps_by_key(services.playbook_generate(program=east.program, school_year=year))["recruitment"]

    services.playbook_step_mark_done(step=step)
    first_done = step.done_on
    services.playbook_step_mark_done(step=step)
    assert step.done_on == first_done and not step.skipped
    services.playbook_step_skip(step=step)
    assert PlaybookStep.objects.get(pk=step.pk).skipped
    assert PlaybookStep.objects.open().filter(pk=step.pk).count() == 0
    services.playbook_step_reopen(step=step)
    assert PlaybookStep.objects.open().filter(pk=step.pk).count() == 1


def test_a_step_is_done_on_an_earlier_day_but_never_on_a_day_to_come(world, east, year):
    steps = steps_by_key(services.playbook_generate(program=east.program, school_year=year))
    today = datetime.date.today()

    services.playbook_step_mark_done(step=steps["recruitment"], on=today - datetime.timedelta(days=20))
    assert PlaybookStep.objects.get(pk=steps["recruitment"].pk).done_on == today - datetime.timedelta(days=20)

    with pytest.raises(ValidationError, match="still to come"):
        services.playbook_step_mark_done(step=steps["selection"], on=today + datetime.timedelta(days=2))
    assert PlaybookStep.objects.get(pk=steps["selection"].pk).done_on is None
