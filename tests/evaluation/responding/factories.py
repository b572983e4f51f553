"""The respondent's rows for tests: ``east_responding(world)`` adds, to ``east_evaluation(world)``'s open mid-term
window, a response for Sofia (the peer, the world's peer), Liam (the other peer, answered in words holding
``OTHER_PEER_MARKER``), Noah (the focus student, the accessible form), the coordinator (staff) and Noah's family (by
signed link)."""

from dataclasses import dataclass

from evaluation.models import Audience, ResponseStatus, SurveyKind
from evaluation.surveys.family_links import family_link_token
from tests.evaluation.factories import (
    OTHER_PEER_MARKER,
    SurveyAnswerFactory,
    SurveyResponseFactory,
    east_evaluation,
    survey_of,
)


@dataclass
class RespondingObjects:
    evaluation: object
    peer_response: object  # Sofia's reflection
    other_peer_response: object  # Liam's, with answers
    student_response: object  # Noah's accessible reflection
    staff_response: object  # the coordinator's school-culture survey
    family_response: object  # Noah's family, "was it worth it?"
    family_token: str


def east_responding(world) -> RespondingObjects:
    cached = getattr(world, "_east_responding", None)
    if cached is not None:
        return cached
    ev = east_evaluation(world)
    window = ev.window
    family_survey = survey_of(ev.program, SurveyKind.SOCIAL_VALIDITY, Audience.FAMILY)
    window.surveys.add(family_survey)
    peer = SurveyResponseFactory(
        survey=ev.peer_reflection, window=window, respondent=Audience.PEER, student=world.peer_student
    )
    other = SurveyResponseFactory(
        survey=ev.peer_reflection,
        window=window,
        respondent=Audience.PEER,
        student=ev.other_peer,
        status=ResponseStatus.IN_PROGRESS,
    )
    for question in ev.peer_reflection.questions.filter(answer_type="text")[:2]:
        SurveyAnswerFactory(response=other, question=question, text=f"Noah and I {OTHER_PEER_MARKER} at lunch")
    student = SurveyResponseFactory(
        survey=ev.student_reflection, window=window, respondent=Audience.FOCUS_STUDENT, student=world.focus_student
    )
    staff = SurveyResponseFactory(
        survey=ev.staff_culture, window=window, respondent=Audience.STAFF, user=world.user("coordinator")
    )
    family = SurveyResponseFactory(
        survey=family_survey, window=window, respondent=Audience.FAMILY, student=world.focus_student
    )
    objects = RespondingObjects(
        evaluation=ev,
        peer_response=peer,
        other_peer_response=other,
        student_response=student,
        staff_response=staff,
        family_response=family,
        family_token=family_link_token(family),
    )
    world._east_responding = objects
    return objects
