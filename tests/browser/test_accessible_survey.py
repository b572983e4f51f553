"""The accessible student survey in the browser: a focus student on a phone (390 px) answers by keyboard only (Tab,
Enter, Space), every control found by its screen-reader name, axe clean on each screen; they stop half-way, sign in
again and carry on at the right question. "Read aloud" speaks the question through the browser's speech synthesis
(stubbed here to record what it is asked to say).

Screenshots land in test-artifacts/ (phone-accessible-survey-*)."""

import pytest
from playwright.sync_api import expect

from evaluation.models import AnsweredHow, SurveyAnswer
from tests.evaluation.responding.factories import east_responding

from .conftest import PHONE, assert_no_axe_violations, save_screenshot
from .test_phone_width import PAGE_WIDTH, sign_in

pytestmark = pytest.mark.browser

# Records what the page asks the browser to say, in place of a real voice.
SPEECH_STUB = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: { speak: (utterance) => window.__spoken.push(utterance.text), cancel: () => {} },
});
if (typeof window.SpeechSynthesisUtterance !== "function") {
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}
"""


def tab_to(page, locator, limit=40):
    """Press Tab until ``locator`` has the focus, as a keyboard or switch user moves through the page."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {locator}")


def check_screen(page, name):
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    assert_no_axe_violations(page)
    save_screenshot(page, f"phone-accessible-survey-{name}")


def test_a_student_answers_by_keyboard_stops_and_resumes(new_page, world):
    responding = east_responding(world)
    response = responding.student_response
    page = new_page(viewport=PHONE)
    page.context.add_init_script(SPEECH_STUB)
    sign_in(page, world.user("focus_student").username)

    # From the dashboard's "Surveys to answer", by keyboard.
    survey_link = page.get_by_role("link", name="Reflection for students").first
    tab_to(page, survey_link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/evaluation/responses/{response.pk}/student/")

    # The practice question, alone on its screen.
    expect(page.get_by_role("heading", level=1)).to_have_text("Let's practise. Is a dog an animal?")
    expect(page.get_by_text("Question 1 of 9")).to_be_visible()
    for name in ("Yes", "No", "Next", "Stop for now", "Read aloud"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="A little")).to_have_count(0)
    expect(page.get_by_role("link", name="About the symbols (OpenMoji, CC BY-SA 4.0)")).to_be_visible()
    check_screen(page, "practice")

    # Read aloud: the question and its answers, only when asked.
    assert page.evaluate("window.__spoken") == []
    tab_to(page, page.get_by_role("button", name="Read aloud"))
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and "Is a dog an animal?" in spoken[0] and "Yes" in spoken[0]

    tab_to(page, page.get_by_role("button", name="Yes", exact=True))
    page.keyboard.press("Enter")

    # A question with "Why?": the answer is marked, the box waits for words.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Do you like spending time with Liam and Sofia?")
    expect(page.get_by_text("Question 2 of 9")).to_be_visible()
    check_screen(page, "question")
    tab_to(page, page.get_by_role("button", name="A little"))
    page.keyboard.press("Space")
    expect(page.get_by_text("Your answer is saved.")).to_be_visible()
    why = page.get_by_role("textbox", name="Why?")
    tab_to(page, why)
    page.keyboard.type("We play cards")
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")

    # A question answered in words.
    expect(heading).to_have_text("What do you do together?")
    check_screen(page, "words")
    tab_to(page, page.get_by_role("textbox", name="Your answer"))
    page.keyboard.type("Lunch")
    tab_to(page, page.get_by_role("button", name="Stop for now"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/evaluation/surveys/mine/")
    expect(page.get_by_text("Saved. Next time you start where you stopped.")).to_be_visible()
    assert_no_axe_violations(page)

    answers = {a.question.text: (a.value, a.text) for a in SurveyAnswer.objects.filter(response=response)}
    assert answers["Do you like spending time with [names of peers]?"] == ("some", "We play cards")
    assert answers["What do you do together?"] == ("", "Lunch")
    response.refresh_from_db()
    assert response.answered_how == AnsweredHow.ALONE and response.position == 3

    # Signed out (a session that ended), signed in again: straight back to question 4.
    page.context.clear_cookies()
    sign_in(page, world.user("focus_student").username)
    link = page.get_by_role("link", name="Reflection for students").first
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Do you like working together?")
    expect(page.get_by_text("Question 4 of 9")).to_be_visible()
    # Back goes to the answered question, with its words.
    tab_to(page, page.get_by_role("link", name="Back"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Your answer")).to_have_value("Lunch")
    check_screen(page, "resumed")
