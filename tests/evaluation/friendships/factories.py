"""Friendship rows for tests, and ``east_friendships(world)``: the objects the role matrix and the friendship tests
share, built on ``east_evaluation(world)`` (Best Buddies Club: Noah paired with Sofia and with Liam; the mid-term window
open today).

An earlier window, "Start of the year" (closed), has Sofia naming Noah as a friend (one way) and Noah, helped,
naming Sofia as someone he spent time with in school. At mid-term Sofia (alone) and Noah (with support) name each
other as friends, and Liam spent time with Noah in school. Sofia and Noah each have a reflection response in the
mid-term window, whose contacts page is the one the survey form links to.
"""

import datetime
from dataclasses import dataclass

import factory

from evaluation.models import Audience, ContactNomination, WindowKind
from tests.evaluation.factories import SurveyResponseFactory, SurveyWindowFactory, east_evaluation


class ContactNominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactNomination

    in_school = True


def response_of(window, survey, student, *, answered_how="alone", respondent=Audience.PEER):
    return SurveyResponseFactory(
        survey=survey, window=window, respondent=respondent, student=student, answered_how=answered_how
    )


@dataclass
class FriendshipObjects:
    program: object
    start: object  # "Start of the year", closed
    window: object  # mid-term, open today
    sofia_response: object
    noah_response: object


def east_friendships(world) -> FriendshipObjects:
    cached = getattr(world, "_east_friendships", None)
    if cached is not None:
        return cached
    ev = east_evaluation(world)
    sofia, noah, liam = world.peer_student, world.focus_student, ev.other_peer
    today = datetime.date.today()
    start = SurveyWindowFactory(
        program=ev.program,
        term=ev.term,
        kind=WindowKind.OTHER,
        name="Start of the year",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=50),
    )
    ContactNominationFactory(window=start, nominator=sofia, nominee=noah, friend=True, answered_how="alone")
    ContactNominationFactory(window=start, nominator=noah, nominee=sofia, answered_how="with_support")
    ContactNominationFactory(window=ev.window, nominator=sofia, nominee=noah, friend=True, answered_how="alone")
    ContactNominationFactory(window=ev.window, nominator=noah, nominee=sofia, friend=True, answered_how="with_support")
    ContactNominationFactory(window=ev.window, nominator=liam, nominee=noah, answered_how="alone")
    objects = FriendshipObjects(
        program=ev.program,
        start=start,
        window=ev.window,
        sofia_response=response_of(ev.window, ev.peer_reflection, sofia),
        noah_response=response_of(
            ev.window, ev.student_reflection, noah, answered_how="with_support", respondent=Audience.FOCUS_STUDENT
        ),
    )
    world._east_friendships = objects
    return objects
