"""Demo matches for seed_demo: for each demo program, propose pairings with the solver and confirm them.

Runs after the programs (which put the school's students into each program) and the campaigns. Idempotent: a
program that already has matches in its current term is left as it is.
"""

from programs.models import Program

from ..models import Match
from . import selectors, services


def seed() -> str:
    confirmed = 0
    for program in Program.objects.select_related("school").order_by("pk"):
        term = selectors.current_term(program=program)
        if term is None or Match.objects.filter(program=program, term=term).exists():
            continue
        services.matches_propose(program=program, term=term, by=None)
        confirmed += services.matches_confirm(program=program, term=term, by=None).count
    return f"{confirmed} matches confirmed" if confirmed else ""
