"""Read side of orientation sessions: the topic library, a school's and a program's orientations, an agenda, and the
tailoring proposals. Every function that takes ``access`` is already scoped to the active school.

Tailoring reads the students the attending peers are paired with through ``recruitment.selectors.confirmed_pairs``
and counts what they need; it never names a student. Behaviour notes are confidential and a partner's AAC or
communication needs say something about their disability, so the counted reasons about partners are shown only to
those who may see a student's confidential record (``view_student_sensitive``: the coordinator and the principal);
everyone else reads the neutral "Proposed for the students your peers partner with." That neutral sentence (plus the
count of younger peers, which is about peers, not partners) is also what an accepted ``AgendaItem.reason`` keeps, so
the stored reason is safe for every staff reader of the orientation's page.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors
from schools import selectors as school_selectors
from schools.dates import school_today
from schools.models import GRADE_CHOICES, BehaviorNote, Student
from schools.permissions import has_permission

from ..models import AgendaItem, Invitation, Orientation, OrientationMeeting, OrientationSettings, OrientationTopic

# The grade below which a program without its own settings row gives peers the plainer wording (the model's default).
DEFAULT_YOUNGER_BELOW_GRADE = OrientationSettings._meta.get_field("younger_peers_below_grade").default

REQUIRED_REASON = _("Required for every peer.")
# What anyone who may not see a student's confidential record reads, and what is stored on an agenda item: it says
# that tailoring proposed the topic, and nothing about any student.
NEUTRAL_REASON = _("Proposed for the students your peers partner with.")


# --- The topic library ------------------------------------------------------------------------------------------


def topic_library(*, access):
    """The active school's topics, in use first, then retired, each with how many agendas use it (one query)."""
    return (
        OrientationTopic.objects.visible_to(access)
        .annotate(agenda_count=Count("agenda_items"))
        .order_by(F("retired_at").asc(nulls_first=True), "order", "title")
    )


def topic_queryset(*, access):
    """Topics a view may open: the active school's only."""
    return OrientationTopic.objects.visible_to(access)


# --- Orientations -----------------------------------------------------------------------------------------------


def orientation_queryset(*, access):
    """Orientations a view may open: the active school's only, another school's is a 404."""
    return Orientation.objects.visible_to(access).select_related("program", "term", "program__school")


def _with_next_meeting(orientations, *, today):
    upcoming = Q(meetings__date__gte=today, meetings__cancelled_at=None)
    return orientations.annotate(
        next_meeting_on=Min("meetings__date", filter=upcoming),
        first_meeting_on=Min("meetings__date", filter=Q(meetings__cancelled_at=None)),
        meeting_count=Count("meetings", filter=Q(meetings__cancelled_at=None), distinct=True),
    ).order_by(F("next_meeting_on").asc(nulls_last=True), F("first_meeting_on").desc(nulls_first=True), "-pk")


def orientation_index(*, access, program=None, term=None):
    """The active school's orientations, upcoming first (by their next meeting), then the rest newest first; narrowed
    to one program and one term when given (one query)."""
    orientations = orientation_queryset(access=access)
    if program is not None:
        orientations = orientations.filter(program=program)
    if term is not None:
        orientations = orientations.filter(term=term)
    return _with_next_meeting(orientations, today=school_today(access.school))


def program_orientation_list(*, program):
    """One program's orientations and follow-up meetings, upcoming first (one query)."""
    orientations = Orientation.objects.filter(program=program).select_related("program", "term")
    return _with_next_meeting(orientations, today=school_today(program.school))


def index_filter_choices(*, access):
    """The programs and terms the index can be narrowed to: the active school's."""
    programs = program_selectors.program_queryset(access=access).order_by("name")
    return programs, school_selectors.terms(school=access.school)


def orientation_meetings(*, orientation):
    return OrientationMeeting.objects.filter(orientation=orientation).order_by("date", "starts_at", "pk")


# --- The agenda -------------------------------------------------------------------------------------------------


def agenda_items(*, orientation):
    """The agenda in order, with each item's topic and meeting (one query)."""
    return (
        AgendaItem.objects.filter(orientation=orientation)
        .select_related("topic", "meeting")
        .order_by("order", "pk")
    )


def addable_topics(*, orientation):
    """Topics in use at the orientation's school that are not on its agenda yet (retired ones are never offered)."""
    return (
        OrientationTopic.objects.in_use()
        .filter(school_id=orientation.program.school_id)
        .exclude(agenda_items__orientation=orientation)
        .order_by("order", "title")
    )


# --- Tailoring --------------------------------------------------------------------------------------------------


@dataclass
class Proposal:
    """A topic tailoring proposes for an agenda, with why in words (worded for the reader) and whether to use its
    plainer wording. ``stored_reason`` is what the agenda item keeps once accepted: safe for every staff reader."""

    topic: OrientationTopic
    reasons: list[str] = field(default_factory=list)
    stored_reasons: list[str] = field(default_factory=list)
    use_plain_wording: bool = False

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    @property
    def stored_reason(self) -> str:
        return " ".join(self.stored_reasons)[:300]


def attending_peers(*, orientation) -> list[Student]:
    """The peers an agenda is built for: those invited who did not decline, or, before anyone is invited, the peers
    of the program's confirmed pairs in the orientation's term."""
    invited = (
        Invitation.objects.filter(orientation=orientation, student__kind=Student.Kind.PEER)
        .exclude(response=Invitation.Response.NO)
        .select_related("student")
    )
    peers = {invitation.student_id: invitation.student for invitation in invited}
    if peers or Invitation.objects.filter(orientation=orientation, student__kind=Student.Kind.PEER).exists():
        return list(peers.values())
    pairs = recruitment_selectors.confirmed_pairs(program=orientation.program, term=orientation.term)
    return list({pair.peer_id: pair.peer for pair in pairs}.values())


def younger_below_grade(*, program) -> int:
    settings = OrientationSettings.objects.filter(program=program).first()
    return settings.younger_peers_below_grade if settings else DEFAULT_YOUNGER_BELOW_GRADE


def _grade_label(grade: int) -> str:
    return str(dict(GRADE_CHOICES).get(grade, grade))


@dataclass
class TailoringCounts:
    """How many attending peers partner with someone who needs each kind of tailoring, and how many are younger."""

    peers: int
    communication: int
    behavior: int
    younger: int
    younger_below_grade: int


def tailoring_counts(*, orientation) -> TailoringCounts:
    peers = attending_peers(orientation=orientation)
    peer_ids = {peer.pk for peer in peers}
    pairs = recruitment_selectors.confirmed_pairs(program=orientation.program, term=orientation.term).filter(
        peer_id__in=peer_ids
    )
    partners_of: dict[int, set[int]] = {}
    partners: dict[int, Student] = {}
    for pair in pairs:
        partners_of.setdefault(pair.peer_id, set()).add(pair.focus_student_id)
        partners[pair.focus_student_id] = pair.focus_student
    communicating = {
        pk for pk, student in partners.items() if student.complex_communication_needs or student.aac_device.strip()
    }
    with_notes = set(BehaviorNote.objects.filter(student_id__in=partners).values_list("student_id", flat=True))
    below = younger_below_grade(program=orientation.program)
    return TailoringCounts(
        peers=len(peers),
        communication=sum(1 for ids in partners_of.values() if ids & communicating),
        behavior=sum(1 for ids in partners_of.values() if ids & with_notes),
        younger=sum(1 for peer in peers if peer.grade is not None and peer.grade < below),
        younger_below_grade=below,
    )


def _communication_reason(n: int) -> str:
    return ngettext(
        "%(n)s of your peers partners with students who use AAC or have complex communication needs.",
        "%(n)s of your peers partner with students who use AAC or have complex communication needs.",
        n,
    ) % {"n": n}


def _behavior_reason(n: int) -> str:
    return ngettext(
        "%(n)s of your peers partners with students who have behaviour support notes.",
        "%(n)s of your peers partner with students who have behaviour support notes.",
        n,
    ) % {"n": n}


def _younger_reason(n: int, below: int) -> str:
    return ngettext(
        "%(n)s of your peers is in %(grade)s or below: use the plainer wording.",
        "%(n)s of your peers are in %(grade)s or below: use the plainer wording.",
        n,
    ) % {"n": n, "grade": _grade_label(below - 1)}


def tailoring_proposals(*, orientation, access) -> list[Proposal]:
    """The topics tailoring proposes for ``orientation`` that are not on its agenda yet, in library order: every
    required topic; the communication topics when some attending peer's partner uses AAC or has complex
    communication needs; the behaviour topics when some partner has behaviour notes; the plainer wording when some
    attending peer is below the program's grade for it. Retired topics are never proposed.

    Each reason is worded for ``access``: the counted partner reasons only for someone who may see a student's
    confidential record, the neutral "Proposed for the students your peers partner with" for anyone else. The
    stored reason is always the neutral one plus the count of younger peers (about peers, not partners)."""
    counts = tailoring_counts(orientation=orientation)
    may_see = has_permission(access, "view_student_sensitive")
    younger = counts.younger > 0
    partner_reason = {
        OrientationTopic.Tailoring.COMMUNICATION: counts.communication
        and (_communication_reason(counts.communication) if may_see else NEUTRAL_REASON),
        OrientationTopic.Tailoring.BEHAVIOR: counts.behavior
        and (_behavior_reason(counts.behavior) if may_see else NEUTRAL_REASON),
    }
    proposals = []
    for topic in addable_topics(orientation=orientation):
        proposal = Proposal(topic=topic)
        if topic.is_required:
            proposal.reasons.append(str(REQUIRED_REASON))
            proposal.stored_reasons.append(str(REQUIRED_REASON))
        shown = partner_reason.get(topic.tailoring)
        if shown:
            if shown not in proposal.reasons:
                proposal.reasons.append(str(shown))
            proposal.stored_reasons.append(str(NEUTRAL_REASON))
        if not proposal.reasons:
            continue
        if younger and topic.plain_title:
            proposal.use_plain_wording = True
            said = _younger_reason(counts.younger, counts.younger_below_grade)
            proposal.reasons.append(said)
            proposal.stored_reasons.append(said)
        proposals.append(proposal)
    return proposals
