"""Evaluation rows for tests, and ``east_evaluation(world)``: the program, pairs and open survey window the role
matrix and every evaluation test share. Each area keeps its own builders in ``tests/evaluation/<area>/factories.py``,
built on this one.

East gets "Best Buddies Club" (active, the coordinator leading it, the general educator on its team) for the world's
term. Noah (the world's focus student, with a sign-in) is paired, confirmed, with Sofia (the world's peer) and with
Liam (a second peer with his own sign-in). A mid-term survey window is open today with the reflections and the
staff's school-culture survey in it.
"""

import datetime
from dataclasses import dataclass

import factory
from django.utils import timezone

from evaluation.models import Audience, Survey, SurveyAnswer, SurveyKind, SurveyResponse, SurveyWindow, WindowKind
from evaluation.surveys.services import surveys_ensure
from recruitment.models import Match
from tests.programs.factories import PlanningTeamMemberFactory, ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import StudentFactory, UserFactory

# A marker in the other peer's words: no page of Sofia's may show it.
OTHER_PEER_MARKER = "liamreflection7q"


class SurveyWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyWindow

    name = "Mid-term check-in"
    kind = WindowKind.MID_TERM
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=11))


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse
        # Several areas' builders (and the invitations of east_surveys) may make one person's response in the same
        # window on one world (the role matrix builds them all): the first one made is the one.
        django_get_or_create = ("window", "survey", "respondent", "student", "user")

    window = None
    student = None
    user = None

    program = factory.LazyAttribute(lambda o: o.survey.program)


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyAnswer

    question_text = factory.LazyAttribute(lambda o: o.question.text)


def confirmed_pair(program, *, peer, focus_student, term):
    return Match.objects.create(
        program=program,
        term=term,
        peer=peer,
        focus_student=focus_student,
        status=Match.Status.CONFIRMED,
        confirmed_at=timezone.now() - datetime.timedelta(days=40),
    )


def survey_of(program, kind: str, audience: str) -> Survey:
    return Survey.objects.get(program=program, kind=kind, audience=audience, starter__gt="")


@dataclass
class EvaluationObjects:
    program: object
    term: object
    window: object  # mid-term, open today
    pair: object  # Sofia & Noah, confirmed
    other_peer: object  # Liam
    other_pair: object  # Liam & Noah, confirmed
    peer_reflection: object  # the peers' reflection survey
    student_reflection: object  # the students' (accessible) reflection survey
    staff_culture: object  # the staff's school-culture survey


def east_evaluation(world) -> EvaluationObjects:
    cached = getattr(world, "_east_evaluation", None)
    if cached is not None:
        return cached
    coordinator = world.user("coordinator")
    if not coordinator.email:
        coordinator.email = "east.coordinator@example.org"
        coordinator.save(update_fields=["email"])
    program = ProgramFactory(school=world.school, name="Best Buddies Club", status="active")
    program.terms.add(world.term)
    PlanningTeamMemberFactory(program=program, user=coordinator, role="special_educator", is_coordinator=True)
    PlanningTeamMemberFactory(program=program, user=world.user("staff"), role="general_educator")
    liam = StudentFactory(
        school=world.school, first_name="Liam", last_name="Osei", grade=4, user=UserFactory(username="east.peer3")
    )
    for student in (world.focus_student, world.peer_student, liam):
        ProgramParticipantFactory(program=program, student=student)
    pair = confirmed_pair(program, peer=world.peer_student, focus_student=world.focus_student, term=world.term)
    other_pair = confirmed_pair(program, peer=liam, focus_student=world.focus_student, term=world.term)
    surveys_ensure(program=program)
    peer_reflection = survey_of(program, SurveyKind.REFLECTION, Audience.PEER)
    student_reflection = survey_of(program, SurveyKind.REFLECTION, Audience.FOCUS_STUDENT)
    staff_culture = survey_of(program, SurveyKind.SCHOOL_CULTURE, Audience.STAFF)
    window = SurveyWindowFactory(program=program, term=world.term, created_by=coordinator)
    window.surveys.set([peer_reflection, student_reflection, staff_culture])
    objects = EvaluationObjects(
        program=program,
        term=world.term,
        window=window,
        pair=pair,
        other_peer=liam,
        other_pair=other_pair,
        peer_reflection=peer_reflection,
        student_reflection=student_reflection,
        staff_culture=staff_culture,
    )
    world._east_evaluation = objects
    return objects
