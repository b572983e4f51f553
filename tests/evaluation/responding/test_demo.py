"""The demo's answers (evaluation/responding/demo.py), on a mid-term window of a program named "Peer to Peer" made
here (the surveys demo makes the real one): peers alone and sent; three focus students with support (read aloud and
AAC), with support (pointing, yes-saying) and by a proxy, stopped half-way; run twice, nothing changes."""

import pytest

from evaluation.models import AnsweredHow, Audience, ResponseStatus, SupportMode, SurveyAnswer
from evaluation.responding import demo, selectors
from tests.evaluation.factories import SurveyResponseFactory
from tests.schools.factories import FocusStudentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_nothing_without_a_mid_term_window_of_peer_to_peer(world, responding):
    assert demo.seed(password="x") == ""
    assert not SurveyAnswer.objects.filter(response=responding.peer_response).exists()


def test_the_demo_answers_through_the_services(world, responding):
    ev = responding.evaluation
    ev.program.name = demo.PROGRAM
    ev.program.save(update_fields=["name"])
    para = UserFactory(username="east.para")
    MembershipFactory(school=world.school, role="paraprofessional", user=para)
    for first in ("Ava", "Elijah"):
        student = FocusStudentFactory(school=world.school, first_name=first)
        SurveyResponseFactory(
            survey=ev.student_reflection, window=ev.window, respondent=Audience.FOCUS_STUDENT, student=student
        )
    demo.seed(password="x")

    sofia = responding.peer_response
    sofia.refresh_from_db()
    assert sofia.is_submitted and sofia.answered_how == AnsweredHow.ALONE
    by_name = {
        r.student.first_name: r
        for r in ev.window.responses.filter(respondent=Audience.FOCUS_STUDENT).select_related("student", "survey")
    }
    ava, elijah, noah = by_name["Ava"], by_name["Elijah"], by_name["Noah"]
    assert ava.answered_how == AnsweredHow.WITH_SUPPORT and ava.support_modes == [SupportMode.READ_ALOUD, "aac"]
    assert ava.supported_by == world.user("coordinator") and ava.is_submitted
    assert selectors.agreement_of(ava) == [("enjoy", True)]
    assert elijah.support_modes == [SupportMode.POINTING] and elijah.is_submitted
    assert selectors.agreement_of(elijah) == [("enjoy", False)] and selectors.yes_both_ways(elijah, "enjoy")
    assert (noah.answered_how, noah.supported_by) == (AnsweredHow.PROXY, para)
    assert noah.status == ResponseStatus.IN_PROGRESS and noah.position == demo.HALF_WAY
    assert noah.quote_consent == ""

    answers = SurveyAnswer.objects.count()
    demo.seed(password="x")
    assert SurveyAnswer.objects.count() == answers
