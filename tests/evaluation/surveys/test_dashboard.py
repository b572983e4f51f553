"""The program leads' dashboard panel "Surveys": open and upcoming windows with how many finished, links to each
program's windows; nobody else sees it; its query count does not grow with windows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evaluation.factories import SurveyWindowFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_the_open_window_and_its_progress(surveys, client_as, world):
    html = client_as(world.user("coordinator")).get("/dashboard/").content.decode()
    assert "Mid-term check-in" in html and "1 of 5 finished" in html
    assert f"/evaluation/programs/{surveys.base.program.pk}/survey-windows/" in html


def test_a_closed_window_leaves_the_panel(surveys, client_as, world):
    today = datetime.date.today()
    SurveyWindowFactory(
        program=surveys.base.program,
        name="Long closed",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=20),
    )
    assert "Long closed" not in client_as(world.user("coordinator")).get("/dashboard/").content.decode()


@pytest.mark.parametrize("role", ["staff", "peer", "focus_student"])
def test_others_do_not_see_it(surveys, client_as, world, role):
    assert "Mid-term check-in" not in client_as(world.user(role)).get("/dashboard/").content.decode()


def test_the_panel_does_not_grow_in_queries(surveys, client_as, world):
    client = client_as(world.user("coordinator"))
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    for n in range(3):
        SurveyWindowFactory(program=surveys.base.program, name=f"Extra {n}").surveys.set([surveys.base.peer_reflection])
    with CaptureQueriesContext(connection) as many:
        html = client.get("/dashboard/").content.decode()
    assert "Extra 2" in html
    assert len(many.captured_queries) == len(few.captured_queries)
