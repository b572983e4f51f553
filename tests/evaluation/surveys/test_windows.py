"""Survey windows: the program's list, adding and changing one (name, kind, term, dates, surveys, contacts), and
each bad input said on the form with nothing saved: closing before opening, a year far from today, dates far from
the term, a term or survey of another program."""

import datetime

import pytest
from django.urls import reverse

from evaluation.models import SurveyWindow
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db


def window_data(objects, **changes):
    term = objects.base.term
    data = {
        "name": "End of semester",
        "kind": "end_of_term",
        "term": term.pk,
        "opens_on": (term.end_date - datetime.timedelta(days=13)).isoformat(),
        "closes_on": term.end_date.isoformat(),
        "surveys": [objects.base.peer_reflection.pk, objects.base.staff_culture.pk],
        "asks_contacts": "on",
    }
    data.update(changes)
    return data


def add_url(surveys):
    return reverse("evaluation:survey_window_add", kwargs={"pk": surveys.base.program.pk})


def test_a_window_is_added_and_listed(surveys, client_as, world):
    client = client_as(world.user("coordinator"))
    response = client.post(add_url(surveys), window_data(surveys))
    window = SurveyWindow.objects.get(name="End of semester")
    assert response.url == reverse("evaluation:survey_window", kwargs={"pk": window.pk})
    assert set(window.surveys.all()) == {surveys.base.peer_reflection, surveys.base.staff_culture}
    assert window.created_by == world.user("coordinator") and window.invited_at is None
    page = client.get(reverse("evaluation:survey_windows", kwargs={"pk": surveys.base.program.pk})).content.decode()
    assert "End of semester" in page and "Mid-term check-in" in page


def test_a_window_is_changed(surveys, client_as, world):
    window = surveys.base.window
    client = client_as(world.user("coordinator"))
    page = client.get(reverse("evaluation:survey_window_edit", kwargs={"pk": window.pk})).content.decode()
    assert 'value="Mid-term check-in"' in page
    data = window_data(
        surveys,
        name="Mid-term",
        kind="mid_term",
        opens_on=window.opens_on.isoformat(),
        closes_on=(window.closes_on + datetime.timedelta(days=1)).isoformat(),
        surveys=[surveys.base.student_reflection.pk],
    )
    data.pop("asks_contacts")
    client.post(reverse("evaluation:survey_window_edit", kwargs={"pk": window.pk}), data)
    window.refresh_from_db()
    assert window.name == "Mid-term" and not window.asks_contacts
    assert list(window.surveys.all()) == [surveys.base.student_reflection]


def other_term(world):
    return TermFactory(school=world.school, name="Spring").pk


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": ""}, "Give the window a name"),
        ({"opens_on": "soon"}, "Enter a date such as 2025-09-15."),
        ({"closes_on": ""}, "Say the last day it is open."),
        ({"closes_on": "2001-01-01"}, "Check the year"),
        ({"opens_on": "2205-09-01"}, "Check the year"),
        ({"surveys": []}, "Choose at least one survey."),
        ({"surveys": ["999999"]}, "Choose surveys from the list."),
        ({"surveys": ["abc"]}, "Choose surveys from the list."),
        ({"term": "999999"}, "Choose one of the program&#x27;s terms."),
        ({"kind": "weekly"}, "Choose a kind from the list."),
    ],
)
def test_a_bad_window_is_refused_with_a_message(surveys, client_as, world, changes, message):
    before = SurveyWindow.objects.count()
    response = client_as(world.user("coordinator")).post(add_url(surveys), window_data(surveys, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SurveyWindow.objects.count() == before


def test_a_window_closes_after_it_opens(surveys, client_as, world):
    term = surveys.base.term
    data = window_data(surveys, opens_on=term.end_date.isoformat(), closes_on=term.start_date.isoformat())
    response = client_as(world.user("coordinator")).post(add_url(surveys), data)
    assert "The window closes after it opens." in response.content.decode()
    assert not SurveyWindow.objects.filter(name="End of semester").exists()


def test_the_dates_stay_near_the_term(surveys, client_as, world):
    term = surveys.base.term
    client = client_as(world.user("coordinator"))
    early = window_data(
        surveys,
        opens_on=(term.start_date - datetime.timedelta(days=60)).isoformat(),
        closes_on=term.start_date.isoformat(),
    )
    assert "The window opens during" in client.post(add_url(surveys), early).content.decode()
    late = window_data(surveys, closes_on=(term.end_date + datetime.timedelta(days=60)).isoformat())
    assert "The window closes by a month after" in client.post(add_url(surveys), late).content.decode()
    assert not SurveyWindow.objects.filter(name="End of semester").exists()


def test_a_term_the_program_does_not_run_in_is_refused(surveys, client_as, world):
    response = client_as(world.user("coordinator")).post(add_url(surveys), window_data(surveys, term=other_term(world)))
    assert "Choose one of the program&#x27;s terms." in response.content.decode()


def test_another_programs_survey_is_refused(surveys, client_as, world):
    from evaluation.models import Survey
    from evaluation.surveys.services import surveys_ensure
    from tests.programs.factories import ProgramFactory

    other = ProgramFactory(school=world.school, name="Art Buddies")
    surveys_ensure(program=other)
    foreign = Survey.objects.filter(program=other).first()
    response = client_as(world.user("coordinator")).post(add_url(surveys), window_data(surveys, surveys=[foreign.pk]))
    assert "Choose surveys from the list." in response.content.decode()
    assert not SurveyWindow.objects.filter(name="End of semester").exists()


def test_a_closed_windows_dates_stay(surveys, client_as, world):
    window = surveys.base.window
    today = datetime.date.today()
    SurveyWindow.objects.filter(pk=window.pk).update(
        opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=1)
    )
    data = window_data(
        surveys,
        name="Mid-term",
        opens_on=(today - datetime.timedelta(days=20)).isoformat(),
        closes_on=(today + datetime.timedelta(days=5)).isoformat(),
    )
    response = client_as(world.user("coordinator")).post(
        reverse("evaluation:survey_window_edit", kwargs={"pk": window.pk}), data
    )
    assert "This window has closed, so its dates stay as they are" in response.content.decode()
    window.refresh_from_db()
    assert window.closes_on == today - datetime.timedelta(days=1) and window.name == "Mid-term check-in"
