"""Demo matches for seed_demo: in each demo program, the coordinator pairs the demo peers' partners by hand (Sofia
asked to stay with Noah; Marcus and Yvonne plan the soccer afternoons together), lets the solver propose the rest
among the program's participants and confirms every proposal.

Runs after the programs (their focus students and returning peers) and the applications (accepting a peer puts them
in the program). Idempotent: a program that already has matches in its current term is left as it is.
"""

import datetime

from django.utils import timezone

from programs.selectors import school_programs
from schools.dates import school_zone
from schools.models import Membership, Role, School, Student
from schools.scoping import Access

from ..models import Match
from . import selectors, services

# (school slug, peer, focus student): the pairs the README tells a newcomer about.
BY_HAND = [
    ("east-elementary", ("Sofia", "Ramirez"), ("Noah", "Bennett")),
    ("putnam-middle", ("Marcus", "Lee"), ("Yvonne", "Price")),
]


def seed() -> str:
    confirmed = 0
    programs = [program for school in School.objects.order_by("pk") for program in school_programs(school=school)]
    for program in programs:
        term = selectors.current_term(program=program)
        if term is None or Match.objects.filter(program=program, term=term).exists():
            continue
        coordinator = _coordinator(program)
        for slug, (peer_first, peer_last), (first, last) in BY_HAND:
            if slug != program.school.slug:
                continue
            services.match_add(
                access=Access(user=coordinator, school=program.school),
                program=program,
                term=term,
                focus_student=Student.objects.get(school=program.school, first_name=first, last_name=last),
                peer=Student.objects.get(school=program.school, first_name=peer_first, last_name=peer_last),
                reveal_avoid=False,
            )
        services.matches_propose(program=program, term=term, by=coordinator)
        confirmed += services.matches_confirm(program=program, term=term, by=coordinator).count
        _date_confirmations(program=program, term=term)
    return f"{confirmed} matches confirmed" if confirmed else ""


def _date_confirmations(*, program, term) -> None:
    """The story: the pairs were confirmed two weeks into the term (after orientation), not on the day the demo is
    seeded, so the months of check-ins, facilitation and milestones that follow come after their pair began. A demo
    seeded in those first two weeks keeps today."""
    zone = school_zone(program.school)
    day = term.start_date + datetime.timedelta(days=14)
    when = datetime.datetime.combine(day, datetime.time(15, 0), tzinfo=zone)
    if when < timezone.now():
        Match.objects.filter(program=program, term=term, status=Match.Status.CONFIRMED).update(confirmed_at=when)


def _coordinator(program):
    membership = (
        Membership.objects.filter(school=program.school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None
