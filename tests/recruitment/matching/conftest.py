"""Fixtures of the matching tests: East's program with focus students and peers, classes, lunch and free periods."""

from dataclasses import dataclass

import pytest

from programs.models import ProgramParticipant
from schools.models import PeerAvailability, PeerPreference, SchoolClass
from tests.programs.factories import ProgramParticipantFactory
from tests.recruitment.factories import east_matching
from tests.schools.factories import FocusStudentFactory, PeriodFactory, StudentFactory


@dataclass
class Setup:
    program: object
    term: object
    noah: object  # focus student (world.focus_student): lunch, and science in 3rd period
    lily: object  # focus student: lunch only
    sofia: object  # peer (world.peer_student): free at lunch on Monday
    harper: object  # peer: free 3rd period every day; Noah would like to get to know her
    mason: object  # peer: free at lunch; on Noah's avoid list
    busy: object  # peer: free only in a period no focus student has
    lunch: object
    third: object


def add_peer(program, **kwargs):
    peer = StudentFactory(school=program.school, **kwargs)
    ProgramParticipantFactory(program=program, student=peer)
    return peer


@pytest.fixture
def setup(world):
    program = east_matching(world).program
    program.matches.all().delete()
    third = PeriodFactory(schedule=world.bell_schedule, name="3rd period", kind="class", order=3)
    other = PeriodFactory(schedule=world.bell_schedule, name="6th period", kind="class", order=6)
    noah = world.focus_student
    science = SchoolClass.objects.create(school=world.school, term=world.term, title="Science", period=third)
    science.students.add(noah)
    lily = FocusStudentFactory(school=world.school, first_name="Lily", grade=4, interests="music")
    ProgramParticipantFactory(program=program, student=lily)
    harper = add_peer(program, first_name="Harper", grade=3, interests="Soccer and drawing")
    for day in range(5):
        PeerAvailability.objects.create(student=harper, period=third, weekday=day)
    mason = add_peer(program, first_name="Mason", grade=3)
    PeerAvailability.objects.create(student=mason, period=world.period, weekday=2)
    busy = add_peer(program, first_name="Busy", grade=3)
    PeerAvailability.objects.create(student=busy, period=other, weekday=1)
    PeerPreference.objects.create(student=noah, kind=PeerPreference.Kind.AVOID, peer=mason)
    PeerPreference.objects.create(student=noah, kind=PeerPreference.Kind.GET_TO_KNOW, peer=harper)
    # A peer who left the program is never proposed.
    gone = add_peer(program, first_name="Gone", grade=3)
    PeerAvailability.objects.create(student=gone, period=world.period, weekday=0)
    ProgramParticipant.objects.filter(student=gone).update(status=ProgramParticipant.Status.LEFT)
    return Setup(program=program, term=world.term, noah=noah, lily=lily, sofia=world.peer_student, harper=harper,
                 mason=mason, busy=busy, lunch=world.period, third=third)
