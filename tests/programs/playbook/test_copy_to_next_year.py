"""Next year's playbook is copied from this year's in one action: same steps, offsets kept, dates recounted from next
year's term, dates set by hand moved by the difference of the two years' first days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.models import Playbook
from programs.playbook import services
from tests.programs.factories import school_year

START = datetime.date(2026, 8, 20)
END = datetime.date(2027, 6, 10)
NEXT_START = datetime.date(2027, 8, 25)  # five days later in the calendar than this year's
NEXT_END = datetime.date(2028, 6, 8)


@pytest.fixture
def playbook(world, east):
    year = school_year(world.school, start=START, end=END, name="2026–27")
    return services.playbook_generate(program=east.program, school_year=year)


def by_title(playbook):
    return {step.title: step for step in playbook.steps.all()}


def test_copy_keeps_the_steps_and_recounts_their_dates(world, east, playbook):
    next_year = school_year(world.school, start=NEXT_START, end=NEXT_END, name="2027–28")
    steps = by_title(playbook)
    services.playbook_step_update(
        step=steps["Hold orientation meetings"], title="Hold orientation meetings", anchor="start", offset_days=28,
        due_on=datetime.date(2026, 10, 2), owner=world.user("staff"),
    )
    services.playbook_step_add(playbook=playbook, title="Inclusive Schools Week", due_on=datetime.date(2026, 12, 1))
    services.playbook_step_mark_done(step=steps["Recruit peers"])
    services.playbook_step_skip(step=steps["Gather reflections"])

    copy = services.playbook_copy_to_next_year(playbook=playbook)

    assert copy.school_year == next_year and copy.copied_from == playbook
    copied = by_title(copy)
    assert set(copied) == set(by_title(playbook))
    # Counted from the year: offsets kept, next year's dates.
    assert copied["The core planning team meets"].due_on == NEXT_START - datetime.timedelta(days=28)
    assert copied["Renew consents and plan for next year"].due_on == NEXT_END - datetime.timedelta(days=5)
    # Set by hand: moved by the five days between the years' first days.
    assert copied["Hold orientation meetings"].due_on == datetime.date(2027, 10, 7)
    assert copied["Hold orientation meetings"].date_set_by_hand
    assert copied["Hold orientation meetings"].owner == world.user("staff")
    assert copied["Inclusive Schools Week"].due_on == datetime.date(2027, 12, 6)
    # Next year starts afresh.
    assert copied["Recruit peers"].done_on is None
    assert not copied["Gather reflections"].skipped
    # This year's playbook is unchanged.
    assert by_title(playbook)["Recruit peers"].done_on is not None


def test_copy_is_refused_without_next_years_term(world, east, playbook):
    with pytest.raises(ValidationError, match="Enter next school year as a term first"):
        services.playbook_copy_to_next_year(playbook=playbook)
    assert Playbook.objects.count() == 1


def test_copy_is_refused_when_next_year_has_a_playbook(world, east, playbook):
    school_year(world.school, start=NEXT_START, end=NEXT_END, name="2027–28")
    services.playbook_copy_to_next_year(playbook=playbook)
    with pytest.raises(ValidationError, match="already has a playbook for 2027–28"):
        services.playbook_copy_to_next_year(playbook=playbook)
    assert Playbook.objects.count() == 2


def test_the_button_says_why_it_was_refused(client_for, world, east, playbook):
    url = reverse("programs:playbook_copy", kwargs={"pk": east.program.pk, "playbook_pk": playbook.pk})
    response = client_for("coordinator").post(url, follow=True)
    assert "Enter next school year as a term first" in response.content.decode()
    assert Playbook.objects.count() == 1


def test_the_button_copies_and_shows_next_year(client_for, world, east, playbook):
    next_year = school_year(world.school, start=NEXT_START, end=NEXT_END, name="2027–28")
    url = reverse("programs:playbook_copy", kwargs={"pk": east.program.pk, "playbook_pk": playbook.pk})
    client = client_for("coordinator")
    response = client.post(url)
    assert response.url == reverse("programs:playbook", kwargs={"pk": east.program.pk}) + f"?year={next_year.pk}"
    page = client.get(response.url).content.decode()
    assert "Year playbook: 2027–28" in page
    assert "Next year&#x27;s playbook (2027–28) is ready" in page
