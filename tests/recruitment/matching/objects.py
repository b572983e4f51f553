"""East's program with a focus student, a peer free at the student's lunch, and one proposed match: for the role
matrix and the matching tests. Built once per ``world`` (kept on it), so every row reaches the same objects."""

from dataclasses import dataclass

from recruitment.models import Match
from schools.models import PeerAvailability

from ...factories import ProgramParticipantFactory
from ...programs.objects import east_program


@dataclass
class MatchingObjects:
    program: object
    match: object

    def restore(self) -> dict:
        """Put the match a previous role removed back, proposed, with the same id, so the next role meets it."""
        if not Match.objects.filter(pk=self.match.pk).exists():
            self.match.status = Match.Status.PROPOSED
            self.match.save(force_insert=True)
        return {}


def east_matching(world) -> MatchingObjects:
    cached = getattr(world, "_east_matching", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    ProgramParticipantFactory(program=program, student=world.focus_student)
    ProgramParticipantFactory(program=program, student=world.peer_student)
    PeerAvailability.objects.get_or_create(student=world.peer_student, period=world.period, weekday=0)
    match = Match.objects.create(
        program=program, term=world.term, focus_student=world.focus_student, peer=world.peer_student,
        explanation="Shares soccer and drawing; both free Lunch (Mon); 1 grade apart.", score=31,
    )
    objects = MatchingObjects(program=program, match=match)
    world._east_matching = objects
    return objects
