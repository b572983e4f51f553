"""The "Outcomes" front page: the active school's programs, each with the outcome pages the person may open."""

import pytest
from django.urls import reverse

from tests.evaluation.factories import east_evaluation

pytestmark = pytest.mark.django_db


def test_the_coordinator_reaches_every_outcome_page_of_each_program(world, client_for):
    e = east_evaluation(world)
    page = client_for("coordinator").get(reverse("evaluation:index")).content.decode()
    assert "Outcomes" in page  # the menu entry
    for name in ("surveys", "survey_windows", "goal_overview", "friendship_map", "pair_health", "survey_quotes"):
        assert reverse(f"evaluation:{name}", kwargs={"pk": e.program.pk}) in page, name


def test_the_principal_does_not_get_the_coordinators_quotes_button(world, client_for):
    e = east_evaluation(world)
    page = client_for("school_admin").get(reverse("evaluation:index")).content.decode()
    assert reverse("evaluation:pair_health", kwargs={"pk": e.program.pk}) in page
    assert reverse("evaluation:survey_quotes", kwargs={"pk": e.program.pk}) not in page


def test_another_schools_coordinator_sees_only_their_programs(world, client_for):
    e = east_evaluation(world)
    page = client_for("other_coordinator").get(reverse("evaluation:index")).content.decode()
    assert e.program.name not in page
