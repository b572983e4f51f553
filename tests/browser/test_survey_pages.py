"""Surveys in the browser: the coordinator, on a phone (390 px), adds a question to the peers' reflection (a bad
one first: the message, nothing saved), previews it with the names filled in, schedules a window with a date
mistake, and opens the window page, the results and one student's answers. Every page axe-clean, nothing wider
than the phone.

Screenshots land in test-artifacts/ (phone-survey-editor, phone-survey-window)."""

import datetime

import pytest
from playwright.sync_api import expect

from evaluation.models import SurveyQuestion, SurveyWindow
from tests.evaluation.surveys.factories import east_surveys

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser


def fits(page):
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)


def test_the_coordinator_edits_a_survey_and_schedules_a_window_on_a_phone(new_page, world):
    surveys = east_surveys(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)

    page.goto(f"/evaluation/programs/{surveys.base.program.pk}/surveys/")
    expect(page.get_by_role("link", name="Reflection for peer partners")).to_be_visible()
    fits(page)
    page.get_by_role("link", name="Reflection for peer partners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflection for peer partners")
    expect(page.get_by_text("What changes have you noticed in Noah?")).to_be_visible()
    fits(page)

    before = SurveyQuestion.objects.filter(survey=surveys.base.peer_reflection).count()
    page.locator("#id_text").fill("Which activity did you like best with [name of student]?")
    page.locator("#id_answer_type").select_option("choice")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Give at least two options, one per line.")).to_be_visible()
    assert SurveyQuestion.objects.filter(survey=surveys.base.peer_reflection).count() == before
    fits(page)
    page.get_by_label("Options (for “choose one”), one per line").fill("Lunch\nRecess\nArt")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Question added at the end.")).to_be_visible()
    expect(page.get_by_text("Which activity did you like best with Noah?")).to_be_visible()
    fits(page)
    save_screenshot(page, "phone-survey-editor")

    term = surveys.base.term
    page.goto(f"/evaluation/programs/{surveys.base.program.pk}/survey-windows/add/")
    fits(page)
    page.locator("#id_name").fill("End of semester")
    page.locator("#id_kind").select_option("end_of_term")
    page.locator("#id_opens_on").fill(term.end_date.isoformat())
    page.locator("#id_closes_on").fill((term.end_date - datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Reflection for peer partners (Peer partners)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The window closes after it opens.")).to_be_visible()
    assert not SurveyWindow.objects.filter(name="End of semester").exists()
    fits(page)

    page.goto(f"/evaluation/survey-windows/{surveys.base.window.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid-term check-in")
    fits(page)
    save_screenshot(page, "phone-survey-window")
    page.get_by_role("link", name="Results").click()
    expect(page.get_by_role("heading", name="Agreement checks")).to_be_visible()
    fits(page)
    page.goto(f"/evaluation/survey-responses/{surveys.student_response.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Noah Bennett")
    fits(page)


def test_the_other_survey_pages_fit_a_phone_and_are_axe_clean(new_page, world):
    surveys = east_surveys(world)
    page = new_page(viewport=PHONE)
    sign_in(page, world.user("coordinator").username)
    program, window = surveys.base.program.pk, surveys.base.window.pk
    for path in (
        f"/evaluation/programs/{program}/survey-windows/",
        f"/evaluation/survey-windows/{window}/edit/",
        f"/evaluation/survey-questions/{surveys.question.pk}/edit/",
        f"/evaluation/programs/{program}/survey-quotes/",
        f"/evaluation/survey-responses/{surveys.staff_response.pk}/",
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        fits(page)
