"""Peer journal rows for tests, and ``east_journals(world)``: the objects the role matrix and the journal tests share.

East gets a peer support course ("Peer Period", the daily-period model) in which the world's peer, Sofia, and a
second peer, Liam (with his own sign-in), take part. Sofia wrote last week (answered) and Liam wrote this week,
asking for a check-in; his words carry a marker no page of Sofia's may show.
"""

import datetime
from dataclasses import dataclass

import factory

from activities.journals import selectors as journal_selectors
from activities.journals import services as journal_services
from activities.models import JournalEntry, JournalPrompt, JournalReply
from tests.programs.factories import PlanningTeamMemberFactory, ProgramFactory, ProgramParticipantFactory
from tests.schools.factories import StudentFactory, UserFactory

OTHER_PEER_MARKER = "liamjournal9x"


class JournalEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntry

    text = "We played a board game and my partner laughed a lot."


class JournalReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalReply

    text = "Thank you for writing. Games are a great way to connect."


def journal_program(school, *, name="Peer Period", coordinator=None):
    """A peer support course of the school (the daily-period model), with its coordinator on the planning team."""
    program = ProgramFactory(school=school, name=name, form="course", status="active")
    if coordinator is not None:
        PlanningTeamMemberFactory(program=program, user=coordinator, role="special_educator", is_coordinator=True)
    return program


def peer_in(program, student=None, **student_fields):
    student = student or StudentFactory(school=program.school, **student_fields)
    ProgramParticipantFactory(program=program, student=student)
    return student


@dataclass
class JournalObjects:
    program: object
    prompt: object
    own_entry: object  # Sofia's, last week, answered
    other_peer: object  # Liam
    other_entry: object  # Liam's, this week, asking for a check-in
    this_week: datetime.date


def east_journals(world) -> JournalObjects:
    cached = getattr(world, "_east_journals", None)
    if cached is not None:
        return cached
    coordinator = world.user("coordinator")
    if not coordinator.email:
        coordinator.email = "east.coordinator@example.org"
        coordinator.save(update_fields=["email"])
    program = journal_program(world.school, coordinator=coordinator)
    peer_in(program, world.peer_student)
    liam = peer_in(program, first_name="Liam", last_name="Osei", user=UserFactory(username="east.peer2"))
    journal_services.journal_prompts_ensure(program=program)
    prompt = JournalPrompt.objects.filter(program=program).order_by("position").first()
    week = journal_selectors.this_week(world.school)
    own = JournalEntryFactory(
        program=program,
        peer=world.peer_student,
        week=week - datetime.timedelta(days=7),
        prompt=prompt,
        prompt_text=prompt.text,
        text="Sofia's own words: we built a tower out of blocks.",
    )
    JournalReplyFactory(entry=own, author=coordinator, text="Sofia, that tower sounds amazing.")
    other = JournalEntryFactory(
        program=program,
        peer=liam,
        week=week,
        text=f"My partner was upset at lunch today {OTHER_PEER_MARKER}.",
        worry_flagged=True,
    )
    JournalReplyFactory(entry=other, author=coordinator, text=f"Reply to Liam {OTHER_PEER_MARKER}-reply.")
    objects = JournalObjects(
        program=program, prompt=prompt, own_entry=own, other_peer=liam, other_entry=other, this_week=week
    )
    world._east_journals = objects
    return objects
