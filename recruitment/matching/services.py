"""Write side of matching: propose (run the solver), pair by hand, remove, confirm.

Each service checks what it is given against the program, writes in one transaction and returns what it wrote.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.models import AccessLogEntry, PeerAvailability, PeerPreference, Period, SchoolClass, Student, Term
from schools.peer_readiness import peer_readiness_for
from schools.services import record_access

from ..models import Match, MatchingSettings
from . import selectors, solver

WEEKDAYS = range(5)
# Kept by a new proposal: the coordinator's decisions (confirmed) and pairs they made by hand.
LIVE = (Match.Status.PROPOSED, Match.Status.CONFIRMED)
# PostgreSQL's "lock_not_available": another transaction holds the row a ``nowait`` lock asked for.
LOCK_NOT_AVAILABLE = "55P03"


@dataclass
class Inputs:
    students: dict[int, solver.StudentInput]
    peers: dict[int, solver.PeerInput]
    limits: solver.Limits
    period_names: dict[int, str]


def _terms_with_schedules(term: Term) -> list[int]:
    # A semester may use its school year's bell schedule.
    return [term.pk] + ([term.parent_id] if term.parent_id else [])


def matching_inputs(*, program, term: Term, kept: list[Match] | None = None) -> Inputs:
    """The solver's view of the program in ``term``, from a fixed number of queries.

    ``kept`` matches (confirmed or by hand) count against the peers' capacity and the students' limits.
    """
    settings = selectors.matching_settings(program=program)
    focus = list(selectors.participants(program=program, kind=Student.Kind.FOCUS))
    # Peers whose guardian's consent ran out are left out of new pairings (the page says who and why).
    peers = list(selectors.placeable_peers(program=program))
    focus_ids = [s.pk for s in focus]
    peer_ids = [p.pk for p in peers]
    schedule_terms = _terms_with_schedules(term)

    periods = Period.objects.filter(schedule__term__in=schedule_terms)
    period_names = dict(periods.values_list("pk", "name"))
    shared_periods = list(periods.filter(kind__in=[Period.Kind.LUNCH, Period.Kind.RECESS]).values_list("pk", flat=True))
    class_periods: dict[int, set[int]] = {}
    for student_id, period_id in SchoolClass.students.through.objects.filter(
        student_id__in=focus_ids, schoolclass__period__schedule__term__in=schedule_terms
    ).values_list("student_id", "schoolclass__period_id"):
        class_periods.setdefault(student_id, set()).add(period_id)

    availability: dict[int, set[tuple[int, int]]] = {}
    for student_id, period_id, weekday in PeerAvailability.objects.filter(
        student_id__in=peer_ids, period__schedule__term__in=schedule_terms
    ).values_list("student_id", "period_id", "weekday"):
        availability.setdefault(student_id, set()).add((period_id, weekday))

    avoid: dict[int, set[int]] = {}
    get_to_know: dict[int, set[int]] = {}
    for student_id, kind, peer_id in PeerPreference.objects.filter(
        student_id__in=focus_ids, peer__isnull=False
    ).values_list("student_id", "kind", "peer_id"):
        (avoid if kind == PeerPreference.Kind.AVOID else get_to_know).setdefault(student_id, set()).add(peer_id)

    last_term_partners: dict[int, set[int]] = {}
    previous = selectors.previous_term(term=term)
    if previous is not None:
        for peer_id, student_id in Match.objects.filter(
            program=program, term=previous, status__in=[Match.Status.CONFIRMED, Match.Status.ENDED]
        ).values_list("peer_id", "focus_student_id"):
            last_term_partners.setdefault(peer_id, set()).add(student_id)

    # Orientation, when an app tracks it (``schools.peer_readiness``): None here means nothing is known.
    readiness = peer_readiness_for(program=program, peers=peer_ids)

    kept = kept or []
    peer_load = Counter(m.peer_id for m in kept)
    fixed: dict[int, set[int]] = {}
    for m in kept:
        fixed.setdefault(m.focus_student_id, set()).add(m.peer_id)

    students = {
        s.pk: solver.StudentInput(
            id=s.pk,
            name=s.short_name,
            grade=s.grade,
            slots=frozenset(
                (period_id, day)
                for period_id in class_periods.get(s.pk, set()) | set(shared_periods)
                for day in WEEKDAYS
            ),
            interests=solver.interest_set(s.interests),
            avoid=frozenset(avoid.get(s.pk, ())),
            get_to_know=frozenset(get_to_know.get(s.pk, ())),
            fixed_peers=frozenset(fixed.get(s.pk, ())),
        )
        for s in focus
    }
    peer_inputs = {
        p.pk: solver.PeerInput(
            id=p.pk,
            name=p.short_name,
            grade=p.grade,
            availability=frozenset(availability.get(p.pk, ())),
            interests=solver.interest_set(p.interests),
            capacity=max(0, settings.peer_capacity - peer_load[p.pk]),
            oriented=None if readiness is None else readiness[p.pk].ready,
            blocked=readiness is not None and readiness[p.pk].blocks,
            last_term_partners=frozenset(last_term_partners.get(p.pk, ())),
        )
        for p in peers
    }
    limits = solver.Limits(min_peers=settings.min_peers_per_student, max_peers=settings.max_peers_per_student)
    return Inputs(students=students, peers=peer_inputs, limits=limits, period_names=period_names)


def _busy_message() -> str:
    return _("Someone else is proposing or changing this program's matches right now. Wait a moment, reload the "
             "page and try again.")


def _matching_lock(program, *, nowait: bool = False) -> MatchingSettings:
    """Lock the program's matching settings row (made with the defaults when missing), the parent row of its matches.

    Every write to a program's matches takes this lock first, so two coordinators' changes run one after the other
    and the second one's checks (capacity, "already paired") see what the first wrote: with checks in Python alone,
    both would pass them before either had saved. ``nowait``: refuse at once with a message instead of waiting (a
    second "Propose matches" run would only replace the first one's proposals). The caller holds the transaction.
    """
    try:
        # A savepoint: a refused ``nowait`` lock leaves the caller's transaction usable.
        with transaction.atomic():
            settings, _created = MatchingSettings.objects.select_for_update(nowait=nowait).get_or_create(
                program=program
            )
    except OperationalError as error:
        cause = error.__cause__
        if nowait and LOCK_NOT_AVAILABLE in (getattr(cause, "pgcode", None), getattr(cause, "sqlstate", None)):
            raise ValidationError(_busy_message()) from error
        raise
    # The rest of this transaction reads the settings through the program (``selectors.matching_settings``):
    # give it the locked row, not one it cached before.
    program.matching_settings = settings
    return settings


def _matching_settings_made(program) -> None:
    """Make the settings row before taking its ``nowait`` lock, in a transaction of its own (the caller has none
    yet): a row first made inside the lock's transaction would make a second person wait on its unique index until
    the first one's transaction ends, instead of being refused at once."""
    MatchingSettings.objects.get_or_create(program=program)


def matching_settings_save(*, program, peer_capacity: int, min_peers: int, max_peers: int) -> MatchingSettings:
    _matching_settings_made(program)
    with transaction.atomic():
        # Saved just before a "Propose matches" run: refused, not queued, while another run holds the lock.
        settings = _matching_lock(program, nowait=True)
        settings.peer_capacity = peer_capacity
        settings.min_peers_per_student = min_peers
        settings.max_peers_per_student = max_peers
        settings.full_clean()
        settings.save()
    return settings


def matches_propose(*, program, term: Term, by) -> solver.Result:
    """Replace the program's earlier solver proposals in ``term`` with the optimal ones.

    Confirmed matches and pairs made by hand stay, and count against capacity and limits. Guarantees: no stored
    proposal breaks a hard constraint; each has its explanation and warnings. A second run while one is under way
    is refused with a message (``ValidationError``): it would only replace the first one's proposals.
    """
    _matching_settings_made(program)
    with transaction.atomic():
        _matching_lock(program, nowait=True)
        return _propose(program=program, term=term, by=by)


def _propose(*, program, term: Term, by) -> solver.Result:
    Match.objects.filter(program=program, term=term, status=Match.Status.PROPOSED, by_hand=False).delete()
    kept = list(Match.objects.filter(program=program, term=term, status__in=LIVE))
    inputs = matching_inputs(program=program, term=term, kept=kept)
    result = solver.solve(
        inputs.students.values(), inputs.peers.values(), limits=inputs.limits, period_names=inputs.period_names
    )
    Match.objects.bulk_create(
        Match(
            program=program,
            term=term,
            focus_student_id=s.student_id,
            peer_id=s.peer_id,
            status=Match.Status.PROPOSED,
            explanation=s.explanation,
            warnings="\n".join(s.warnings),
            score=s.score,
            created_by=by,
        )
        for s in result.suggestions
    )
    return result


def match_add(*, access, request=None, program, term: Term, focus_student: Student, peer: Student,
              reveal_avoid: bool) -> Match:
    """Pair a peer with a focus student by hand. The hard constraints still hold: a pair that breaks one is refused
    with the reason (the avoid list named only to people who may see it, and that look is logged)."""
    with transaction.atomic():
        match, problems, avoided = _match_add(program=program, term=term, focus_student=focus_student, peer=peer,
                                              by=access.user, reveal_avoid=reveal_avoid)
    if problems:
        if avoided and reveal_avoid:
            # Written after the refused transaction, so the log keeps the look at the avoid list.
            record_access(user=access.user, school=focus_student.school, student=focus_student, request=request,
                          action=AccessLogEntry.Action.VIEW, what="peer preferences (avoid list, hand pairing refused)")
        raise ValidationError(problems)
    return match


def _match_add(*, program, term, focus_student, peer, by, reveal_avoid):
    if focus_student.kind != Student.Kind.FOCUS or peer.kind != Student.Kind.PEER:
        raise ValidationError(_("Pair a peer with a focus student."))
    # Two coordinators pairing the same peer at once: the second waits here, then sees the first one's pair.
    _matching_lock(program)
    existing = Match.objects.filter(program=program, term=term, focus_student=focus_student, peer=peer).first()
    if existing is not None and existing.status in LIVE:
        raise ValidationError(_("%(peer)s is already paired with %(student)s.")
                              % {"peer": peer.short_name, "student": focus_student.short_name})
    kept = list(Match.objects.select_for_update().filter(program=program, term=term, status__in=LIVE))
    inputs = matching_inputs(program=program, term=term)
    student_input = inputs.students.get(focus_student.pk)
    peer_input = inputs.peers.get(peer.pk)
    if peer_input is None and _consent_expired(program, peer.pk):
        raise ValidationError(_consent_message(peer))
    if student_input is None or peer_input is None:
        raise ValidationError(_("Both must take part in this program."))
    problems = solver.hard_violations(
        student_input,
        peer_input,
        peer_load=sum(1 for m in kept if m.peer_id == peer.pk),
        student_load=sum(1 for m in kept if m.focus_student_id == focus_student.pk),
        limits=inputs.limits,
        reveal_avoid=reveal_avoid,
    )
    if problems:
        return None, problems, peer.pk in student_input.avoid
    explanation, warnings = solver.explain(student_input, peer_input, inputs.period_names)
    match = existing or Match(program=program, term=term, focus_student=focus_student, peer=peer)
    match.status = Match.Status.PROPOSED
    match.by_hand = True
    match.explanation = explanation
    match.warnings = "\n".join(warnings)
    match.score = solver.pair_points(student_input, peer_input)
    match.created_by = by
    match.confirmed_at = match.confirmed_by = None
    match.full_clean()
    match.save()
    return match, [], False


def _consent_expired(program, peer_id: int) -> bool:
    return any(row.student.pk == peer_id for row in selectors.peers_left_out(program=program))


def _consent_message(peer: Student) -> str:
    return _(
        "%(peer)s's parent or guardian consent has expired, so %(peer)s can't join new pairings until a guardian "
        "renews it."
    ) % {"peer": peer.short_name}


@transaction.atomic
def match_remove(*, match: Match) -> None:
    """A proposal is deleted; a confirmed match ends (it stays in the record of who partnered whom)."""
    _matching_lock(match.program)
    # Read again under the lock: it may have been confirmed (then it ends) or removed since the page was shown.
    match = Match.objects.filter(pk=match.pk).first()
    if match is None:
        return
    if match.status == Match.Status.CONFIRMED:
        match.status = Match.Status.ENDED
        match.save(update_fields=["status"])
    elif match.status == Match.Status.PROPOSED:
        match.delete()


@dataclass
class Confirmed:
    count: int
    # Proposals left as they are because a hard constraint no longer holds (the people or their times changed).
    refused: list[str]


@transaction.atomic
def matches_confirm(*, program, term: Term, by, match: Match | None = None) -> Confirmed:
    """Confirm one proposal, or every proposal of the program in ``term``.

    Each is checked against the hard constraints as they are now (best score first): a proposal that no longer
    holds stays proposed, with the reason (the avoid list is never named here). Two confirmations at once run one
    after the other (``_matching_lock``), so the second counts the matches the first confirmed.
    """
    _matching_lock(program)
    proposals = Match.objects.select_for_update().filter(program=program, term=term, status=Match.Status.PROPOSED)
    if match is not None:
        proposals = proposals.filter(pk=match.pk)
    proposals = list(proposals.select_related("focus_student", "peer").order_by("-score", "pk"))
    if not proposals:
        return Confirmed(count=0, refused=[])
    confirmed = list(Match.objects.filter(program=program, term=term, status=Match.Status.CONFIRMED))
    peer_load = Counter(m.peer_id for m in confirmed)
    student_load = Counter(m.focus_student_id for m in confirmed)
    inputs = matching_inputs(program=program, term=term)
    expired = {row.student.pk for row in selectors.peers_left_out(program=program)}
    ok, refused = [], []
    for proposal in proposals:
        student = inputs.students.get(proposal.focus_student_id)
        peer = inputs.peers.get(proposal.peer_id)
        if peer is None and proposal.peer_id in expired:
            problems = [_consent_message(proposal.peer)]
        elif student is None or peer is None:
            problems = [_("%(peer)s and %(student)s must both take part in this program.")
                        % {"peer": proposal.peer.short_name, "student": proposal.focus_student.short_name}]
        else:
            problems = solver.hard_violations(
                student, peer, peer_load=peer_load[peer.id], student_load=student_load[student.id],
                limits=inputs.limits, reveal_avoid=False,
            )
        if problems:
            refused.append(_("Not confirmed: %(pair)s. %(why)s")
                           % {"pair": f"{proposal.peer.short_name} with {proposal.focus_student.short_name}",
                              "why": " ".join(problems)})
            continue
        ok.append(proposal.pk)
        peer_load[proposal.peer_id] += 1
        student_load[proposal.focus_student_id] += 1
    count = Match.objects.filter(pk__in=ok).update(
        status=Match.Status.CONFIRMED, confirmed_by=by, confirmed_at=timezone.now()
    )
    return Confirmed(count=count, refused=refused)
