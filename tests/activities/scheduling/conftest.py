"""East's program for the scheduling tests: Sofia (the matrix peer, a sign-in with an email, paired with Noah),
Harper (accepted through a campaign asking for consent, the consent run out), Mason (a peer with no sign-in), Noah
(the matrix focus student, a sign-in with an email), and the coordinator Rachel (an email) who supervises."""

import datetime
from dataclasses import dataclass

import pytest

from recruitment.models import Match
from tests.programs.factories import ProgramParticipantFactory, east_program
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import StudentFactory, UserFactory


@dataclass
class Setup:
    program: object
    sofia: object
    harper: object
    mason: object
    noah: object
    coordinator: object


@pytest.fixture
def setup(world):
    program = east_program(world).program
    program.terms.add(world.term)
    coordinator = world.user("coordinator")
    coordinator.first_name, coordinator.email = "Rachel", "rachel@east.example.org"
    coordinator.save()
    sofia = world.peer_student
    sofia.user.email = "sofia@students.east.example.org"
    sofia.user.save()
    noah = world.focus_student
    noah.user.email = "noah@students.east.example.org"
    noah.user.save()
    harper = StudentFactory(
        school=world.school,
        first_name="Harper",
        last_name="Lee",
        grade=4,
        user=UserFactory(username="harper", email="harper@students.east.example.org"),
    )
    mason = StudentFactory(school=world.school, first_name="Mason", last_name="Diaz", grade=5)
    for student in (sofia, harper, mason, noah):
        ProgramParticipantFactory(program=program, student=student)
    campaign = CampaignFactory(program=program, term=world.term, requires_guardian_consent=True)
    application = PeerApplicationFactory(campaign=campaign, first_name="Harper", status="accepted", student=harper)
    GuardianConsentFactory(
        application=application, status="consented", valid_until=datetime.date.today() - datetime.timedelta(days=3)
    )
    Match.objects.create(
        program=program, term=world.term, focus_student=noah, peer=sofia, status=Match.Status.CONFIRMED
    )
    return Setup(program, sofia, harper, mason, noah, coordinator)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a function, then what its commit would run (the outbox's kick, which sends in-process in tests)."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def next_weekday(weekday: int, *, after: datetime.date | None = None) -> datetime.date:
    """The first ``weekday`` (0 = Monday) strictly after ``after`` (today)."""
    day = (after or datetime.date.today()) + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day
