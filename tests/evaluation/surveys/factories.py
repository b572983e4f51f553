"""Survey rows for tests, and ``east_surveys(world)``: on top of ``east_evaluation(world)`` (Best Buddies Club, Noah
paired with Sofia and Liam, an open mid-term window), the window's invitations are made; Noah finished his
reflection with support (an agreement check answered both ways "yes"); the teacher started the school-culture
survey."""

import datetime
from dataclasses import dataclass

from evaluation.models import AnsweredHow, ResponseStatus, Survey, SurveyAnswer, SurveyResponse
from evaluation.surveys import services
from tests.evaluation.factories import SurveyWindowFactory, east_evaluation
from tests.schools.factories import GuardianFactory

TODAY = datetime.date.today()


def answer(response, question, *, value="", text=""):
    return SurveyAnswer.objects.create(
        response=response, question=question, question_text=question.text, value=value, text=text
    )


def finish(response, *, how="", **fields):
    SurveyResponse.objects.filter(pk=response.pk).update(status=ResponseStatus.SUBMITTED, answered_how=how, **fields)
    response.refresh_from_db()
    return response


@dataclass
class SurveyObjects:
    base: object  # EvaluationObjects
    student_response: object  # Noah's reflection, finished with support
    staff_response: object  # the teacher's school culture, started
    question: object  # the peers' reflection's first question


def east_surveys(world) -> SurveyObjects:
    cached = getattr(world, "_east_surveys", None)
    if cached is not None:
        return cached
    base = east_evaluation(world)
    services.survey_invitations_send(window=base.window)
    student_response = SurveyResponse.objects.get(
        window=base.window, survey=base.student_reflection, student=world.focus_student
    )
    for question in base.student_reflection.questions.filter(is_practice=False, answer_type__in=("yes_no", "scale3")):
        answer(student_response, question, value="yes")
    finish(student_response, how=AnsweredHow.WITH_SUPPORT)
    staff_response = SurveyResponse.objects.get(window=base.window, survey=base.staff_culture, user=world.user("staff"))
    SurveyResponse.objects.filter(pk=staff_response.pk).update(status=ResponseStatus.IN_PROGRESS)
    objects = SurveyObjects(
        base=base,
        student_response=student_response,
        staff_response=staff_response,
        question=base.peer_reflection.questions.order_by("position").first(),
    )
    world._east_surveys = objects
    return objects


def noon(day):
    return datetime.datetime.combine(day, datetime.time(12), datetime.UTC)


def invited_window(world, *, invited_on):
    """An "End of semester" window of the peers' reflection, the staff's school culture and the families' "was it
    worth it?", open from ``invited_on`` for three weeks, invited on that day at noon (Noah's family has an email)."""
    base = east_evaluation(world)
    GuardianFactory(student=world.focus_student, email="fam@family.example.org")
    family = Survey.objects.get(program=base.program, starter="worth_family")
    window = SurveyWindowFactory(
        program=base.program,
        term=base.term,
        name="End of semester",
        opens_on=invited_on,
        closes_on=TODAY + datetime.timedelta(days=20),
    )
    window.surveys.set([base.peer_reflection, base.staff_culture, family])
    services.survey_invitations_send(window=window, today=invited_on, now=noon(invited_on))
    return window
