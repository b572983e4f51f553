"""The public read surface of recruitment, for the apps built on it (orientation, activities, evaluation).

Those apps import this module (and ``recruitment.services`` when one is needed), never recruitment's models or its
areas' modules. Each function takes the program, not a request's ``access``, so tasks can call it too; the program
itself comes from ``programs.selectors`` (already scoped to the school).
"""

from django.db.models import Min, Q
from django.utils import timezone

from schools.dates import school_today, school_zone
from schools.models import Term

from .matching import selectors as matching_selectors
from .models import Match


def confirmed_pairs(*, program, term=None):
    """The program's confirmed matches (a peer with a focus student), in one term or any, with ``peer``,
    ``focus_student`` and ``term`` loaded. Proposals not yet confirmed and ended pairings are not pairs."""
    matches = Match.objects.confirmed().filter(program=program)
    if term is not None:
        matches = matches.filter(term=term)
    return matches.select_related("peer", "focus_student", "term")


def first_pairing_date(*, focus_student):
    """The day (at the student's school) the focus student's first confirmed pairing with a peer was confirmed, in any
    program and term, or None: where peer support started, for a timeline that has no date recorded by hand."""
    first = (
        Match.objects.filter(focus_student=focus_student, status__in=(Match.Status.CONFIRMED, Match.Status.ENDED))
        .exclude(confirmed_at=None)
        .order_by("confirmed_at")
        .values_list("confirmed_at", flat=True)
        .first()
    )
    return timezone.localtime(first, school_zone(focus_student.school)).date() if first else None


def peers_with_valid_consent(*, program):
    """The program's peers who may be placed into something new today (at the school's date): enrolled, taking part
    in the program, and with guardian consent in force or not needed. The rule itself is the one consent rule,
    ``recruitment.applying.selectors.with_consent_state``; matching's proposals use the same queryset."""
    return matching_selectors.placeable_peers(program=program)


def confirmed_partners(*, peer):
    """The focus students ``peer`` is paired with in confirmed matches, in any program and term (a peer's partners'
    handouts, for instance): a queryset, by name."""
    return matching_selectors.partners_of(student=peer)


# --- Pair health (evaluation): a student's own pairs, ended pairs, and when each pair began ------------------------


def student_confirmed_pairs(*, student, on=None):
    """The confirmed matches of one student (as the peer or as the focus student) in their school's programs, in the
    terms running on ``on`` (the school's today by default), with ``program``, ``peer``, ``focus_student`` and
    ``term``: the pairs a student checks in about. Read-only; one query."""
    on = on or school_today(student.school)
    running = Term.objects.filter(school_id=student.school_id).current(on)
    return (
        Match.objects.confirmed()
        .filter(Q(peer=student) | Q(focus_student=student), program__school_id=student.school_id, term__in=running)
        .select_related("program", "peer", "focus_student", "term")
        .order_by("program__name", "pk")
    )


def pair_queryset(*, access):
    """Confirmed and ended matches of the active school, for a view resolving one pair by id (another school's, and
    a proposal, is a 404). Read-only."""
    return (
        Match.objects.visible_to(access)
        .filter(status__in=(Match.Status.CONFIRMED, Match.Status.ENDED))
        .select_related("program", "peer", "focus_student", "term")
    )


def ended_pairs(*, program):
    """The program's ended matches (a pairing the coordinator ended), with ``peer``, ``focus_student`` and ``term``.
    Read-only."""
    return Match.objects.filter(program=program, status=Match.Status.ENDED).select_related(
        "peer", "focus_student", "term"
    )


def pair_start_dates(*, program) -> dict:
    """When each pair of the program began: ``{(peer_id, focus_student_id): confirmed_at}``, the earliest
    confirmation of a confirmed or ended match of the same two students in the program (a pair renewed each term
    counts from its first). One query."""
    rows = (
        Match.objects.filter(program=program, status__in=(Match.Status.CONFIRMED, Match.Status.ENDED))
        .exclude(confirmed_at=None)
        .values("peer_id", "focus_student_id")
        .annotate(first=Min("confirmed_at"))
    )
    return {(row["peer_id"], row["focus_student_id"]): row["first"] for row in rows}
