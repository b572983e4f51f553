"""Read side of matching: the program's term, the matches page, and "who are a peer's partners" for later issues."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.models import PeerPreference, Student, Term
from schools.peer_readiness import peer_readiness_for
from schools.permissions import has_permission

from ..applying.selectors import ExpiredConsent, expired_consents, peers_with_valid_consent
from ..models import Match, MatchingSettings


def current_term(*, program) -> Term | None:
    """The program's term running today (the shortest first); the school's current term when none is listed."""
    terms = Term.objects.filter(school_id=program.school_id).current()
    return (terms & program_selectors.program_terms(program=program)).first() or terms.first()


def previous_term(*, term: Term) -> Term | None:
    """The term before ``term`` of the same kind (last semester before this one): where continuity comes from."""
    return (
        Term.objects.filter(school_id=term.school_id, kind=term.kind, end_date__lt=term.start_date)
        .order_by("-end_date")
        .first()
    )


def matching_settings(*, program) -> MatchingSettings:
    """The program's settings, or the defaults (unsaved) when the coordinator has not changed them."""
    try:
        return program.matching_settings
    except MatchingSettings.DoesNotExist:
        return MatchingSettings(program=program)


def participants(*, program, kind: str):
    """Active students taking part in the program, of one kind (focus students, or peers)."""
    return program_selectors.active_participants(program=program, kind=kind).filter(is_active=True)


def placeable_peers(*, program):
    """Peers of the program who may be placed into new pairings today: taking part, and consent in force (the one
    consent rule, ``recruitment.applying.selectors.with_consent_state``). Confirmed pairings are not undone."""
    peers = participants(program=program, kind=Student.Kind.PEER)
    return peers_with_valid_consent(peers, on=school_today(program.school))


def peers_left_out(*, program) -> list[ExpiredConsent]:
    """Peers of the program left out of new pairings because their guardian's consent has run out (one query)."""
    peers = participants(program=program, kind=Student.Kind.PEER)
    return expired_consents(peers, on=school_today(program.school))


@dataclass
class StudentRow:
    student: Student
    matches: list = field(default_factory=list)
    can_see_preferences: bool = False

    @property
    def confirmed(self) -> list:
        return [m for m in self.matches if m.status == Match.Status.CONFIRMED]

    @property
    def proposed(self) -> list:
        return [m for m in self.matches if m.status == Match.Status.PROPOSED]


def matching_rows(*, access, program, term: Term) -> list[StudentRow]:
    """One row per focus student with their proposed and confirmed matches: a fixed number of queries."""
    live = Match.objects.visible_to(access).filter(
        program=program, term=term, status__in=[Match.Status.PROPOSED, Match.Status.CONFIRMED]
    ).select_related("peer").order_by("-status", "-score", "peer__last_name", "pk")
    students = list(
        participants(program=program, kind=Student.Kind.FOCUS).prefetch_related(
            Prefetch("peer_matches", queryset=live, to_attr="live_matches")
        )
    )
    sees_all = has_permission(access, "view_student_sensitive")
    on_team = set()
    if not sees_all and access.is_authenticated:
        on_team = set(
            Student.objects.filter(pk__in=[s.pk for s in students], support_team=access.user).values_list(
                "pk", flat=True
            )
        )
    readiness = peer_readiness_for(program=program, peers={m.peer_id for s in students for m in s.live_matches})
    for s in students:
        for match in s.live_matches:
            match.readiness = None if readiness is None else readiness[match.peer_id]
    return [
        StudentRow(student=s, matches=s.live_matches, can_see_preferences=sees_all or s.pk in on_team)
        for s in students
    ]


@dataclass
class NotReady:
    peer: Student
    missing: str
    blocks: bool


def peers_not_ready(*, program) -> list[NotReady] | None:
    """The program's peers who have not covered every required orientation topic yet, with what is missing, or
    ``None`` when no app tracks orientation (``schools.peer_readiness``). A fixed number of queries."""
    peers = list(participants(program=program, kind=Student.Kind.PEER).order_by("last_name", "first_name"))
    readiness = peer_readiness_for(program=program, peers=peers)
    if readiness is None:
        return None
    return [
        NotReady(peer=p, missing=readiness[p.pk].missing_text, blocks=readiness[p.pk].blocks)
        for p in peers
        if not readiness[p.pk].ready
    ]


def preferences_of(*, student: Student):
    """A focus student's own voice about people (confidential: the view logs every look)."""
    return PeerPreference.objects.filter(student=student).select_related("peer").order_by("kind", "pk")


def partners_of(*, student: Student, term: Term | None = None):
    """The focus students a peer is paired with (confirmed matches), in one term or any."""
    matches = Match.objects.confirmed().filter(peer=student)
    if term is not None:
        matches = matches.filter(term=term)
    return Student.objects.filter(pk__in=matches.values("focus_student")).order_by("last_name", "first_name")


def peers_of_focus_student(*, student: Student, term: Term | None = None, program=None):
    """The peers a focus student is paired with (confirmed matches), in one term or program, or any."""
    filters = Q(focus_student=student)
    if term is not None:
        filters &= Q(term=term)
    if program is not None:
        filters &= Q(program=program)
    return Student.objects.filter(pk__in=Match.objects.confirmed().filter(filters).values("peer")).order_by(
        "last_name", "first_name"
    )


def program_summaries(*, access):
    """The school's programs with their counts of proposed and confirmed matches (one query)."""
    return (
        program_selectors.program_queryset(access=access)
        .annotate(
            proposed_count=Count("matches", filter=Q(matches__status=Match.Status.PROPOSED)),
            confirmed_count=Count("matches", filter=Q(matches__status=Match.Status.CONFIRMED)),
        )
        .order_by("name")
    )


def student_pairings(*, access, student) -> list[Match]:
    """A student's live pairings (proposed and confirmed) in the active school's programs, with the partner, program
    and term: one query. Ended pairings stay in the record bundle, not here."""
    return list(
        Match.objects.visible_to(access)
        .filter(Q(focus_student=student) | Q(peer=student), status__in=[Match.Status.PROPOSED, Match.Status.CONFIRMED])
        .select_related("program", "term", "focus_student", "peer")
        .order_by("-term__start_date", "program__name", "-status", "pk")
    )
