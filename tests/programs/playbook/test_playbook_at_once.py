"""Two coordinators making this year's playbook, or copying it to next year, at the same moment: one playbook, and
the second is told it exists (never an IntegrityError page). On the real PostgreSQL, two connections."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programs.models import Playbook
from programs.playbook import services
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser
from tests.programs.factories import school_year

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_making_the_same_years_playbook_twice_at_once_makes_one(world, east, monkeypatch):
    require_postgresql()
    year = school_year(world.school, start=datetime.date(2026, 8, 20), end=datetime.date(2027, 6, 10), name="2026–27")
    # The first takes a moment over its check, holding the program's row: without the lock the second would check
    # meanwhile, find no playbook, and both would insert.
    slowed(monkeypatch, services, "_check_new_playbook")

    won, lost = winner_and_loser(at_once(
        lambda: services.playbook_generate(program=east.program, school_year=year),
        lambda: services.playbook_generate(program=east.program, school_year=year),
    ))

    assert isinstance(lost.error, ValidationError), lost.error
    assert "already has a playbook for 2026–27" in " ".join(lost.error.messages)
    assert Playbook.objects.filter(program=east.program).count() == 1
    assert won.value.steps.count() == 10


def test_copying_to_next_year_twice_at_once_makes_one_copy(world, east, monkeypatch):
    require_postgresql()
    year = school_year(world.school, start=datetime.date(2026, 8, 20), end=datetime.date(2027, 6, 10), name="2026–27")
    school_year(world.school, start=datetime.date(2027, 8, 25), end=datetime.date(2028, 6, 8), name="2027–28")
    playbook = services.playbook_generate(program=east.program, school_year=year)
    slowed(monkeypatch, services, "_check_new_playbook")

    copy, lost = winner_and_loser(at_once(
        lambda: services.playbook_copy_to_next_year(playbook=playbook),
        lambda: services.playbook_copy_to_next_year(playbook=playbook),
    ))

    assert isinstance(lost.error, ValidationError), lost.error
    assert Playbook.objects.filter(program=east.program, school_year__name="2027–28").count() == 1
    assert copy.value.steps.count() == playbook.steps.count()
