"""Read side of attendance, make-ups, topics covered, readiness and the peer handouts. Every function that takes
``access`` returns only the active school's rows; the others take objects a view already resolved through it."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors
from schools import selectors as school_selectors
from schools.models import Student
from schools.peer_readiness import PeerReadiness
from schools.peer_safe import PeerSafeProfile, peer_safe_profile
from schools.permissions import has_permission

from .. import selectors as public
from ..models import AgendaItem, Invitation, MeetingAttendance, OrientationMeeting, OrientationSettings

# --- Attendance and make-ups ----------------------------------------------------------------------------------------


def meeting_queryset(*, access):
    """The active school's orientation meetings, with their orientation and program (for a view resolving one)."""
    return OrientationMeeting.objects.visible_to(access).select_related(
        "orientation__program", "orientation__term", "makeup_for"
    )


def expected_students(*, meeting):
    """Who is expected at ``meeting``: for a make-up, the students it was planned for; otherwise the orientation's
    invited students (peers, and focus students attending alongside them) who did not decline."""
    if meeting.is_makeup:
        return meeting.makeup_students.all()
    invited = Invitation.objects.filter(orientation_id=meeting.orientation_id, student__isnull=False).exclude(
        response=Invitation.Response.NO
    )
    return Student.objects.filter(pk__in=invited.values("student_id"))


def attendance_sheet(*, meeting) -> list[Student]:
    """The list the phone page shows: everyone expected, and anyone already recorded (so a record can still be
    corrected after an invitation changed), by name, each with ``recorded`` (the saved status or None). Two
    queries."""
    recorded = dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("student_id", "status"))
    students = list(
        Student.objects.filter(Q(pk__in=expected_students(meeting=meeting).values("pk")) | Q(pk__in=list(recorded)))
        .order_by("last_name", "first_name", "pk")
    )
    for student in students:
        student.recorded = recorded.get(student.pk)
    return students


def topics_of_meeting(*, meeting) -> list[int]:
    """The topics a meeting covers: its orientation's agenda items placed in it or in no meeting (every meeting covers
    those). A make-up covers the topics of the meeting it makes up for."""
    covering = meeting.makeup_for_id or meeting.pk
    return list(
        AgendaItem.objects.filter(orientation_id=meeting.orientation_id)
        .filter(Q(meeting_id=covering) | Q(meeting__isnull=True))
        .values_list("topic_id", flat=True)
    )


def makeup_candidates(*, meeting):
    """Those who missed ``meeting``: expected there, and recorded absent or never recorded."""
    present = MeetingAttendance.objects.filter(meeting=meeting, status=MeetingAttendance.Status.PRESENT)
    return (
        expected_students(meeting=meeting)
        .exclude(pk__in=present.values("student_id"))
        .order_by("last_name", "first_name", "pk")
    )


def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page: each meeting with its attendance counts and the links to take
    attendance and plan a make-up. One query."""
    meetings = list(
        OrientationMeeting.objects.filter(orientation=orientation)
        .select_related("makeup_for")
        .annotate(
            present=Count("attendance", filter=Q(attendance__status=MeetingAttendance.Status.PRESENT)),
            absent=Count("attendance", filter=Q(attendance__status=MeetingAttendance.Status.ABSENT)),
        )
    )
    return {
        "meetings": meetings,
        "orientation": orientation,
        "can_take_attendance": has_permission(access, "take_orientation_attendance"),
        "can_manage": has_permission(access, "manage_orientations"),
        "can_view_handouts": has_permission(access, "view_orientations"),
    }


# --- Readiness -----------------------------------------------------------------------------------------------------


def program_settings(*, program) -> OrientationSettings:
    """The program's orientation settings, or the defaults (unsaved) when none were saved."""
    return OrientationSettings.objects.filter(program=program).first() or OrientationSettings(program=program)


@dataclass
class ReadinessRow:
    peer: Student
    readiness: PeerReadiness
    # One entry per required topic, in the grid's column order: covered or not.
    cells: list[bool] = field(default_factory=list)


@dataclass
class ReadinessGrid:
    topics: list
    rows: list[ReadinessRow]
    rule: str

    @property
    def not_ready_count(self) -> int:
        return sum(1 for row in self.rows if not row.readiness.ready)


def readiness_grid(*, program) -> ReadinessGrid:
    """The program's peers taking part now × the school's required topics: four queries whatever the size."""
    peers = list(program_selectors.active_participants(program=program, kind=Student.Kind.PEER))
    topics = public.required_topics(school_id=program.school_id)
    rule = public.readiness_rule(program=program)
    answers = public.school_readiness(school_id=program.school_id, peers=peers, rule=rule, topics=topics)
    rows = []
    for peer in peers:
        readiness = answers[peer.pk]
        missing = set(readiness.missing)
        rows.append(ReadinessRow(peer=peer, readiness=readiness, cells=[t.title not in missing for t in topics]))
    return ReadinessGrid(topics=topics, rows=rows, rule=rule)


def program_peer(*, program, pk) -> Student | None:
    """A peer taking part in ``program`` now, by id (None otherwise): whose topics covered one-to-one are recorded."""
    return program_selectors.active_participants(program=program, kind=Student.Kind.PEER).filter(pk=pk).first()


def student_readiness_section(access, student) -> dict | None:
    """A peer's orientation readiness on their page (staff): the required topics covered and still to cover, and
    how each was covered. Three queries; nothing for a focus student."""
    if student.kind != Student.Kind.PEER:
        return None
    topics = public.required_topics(school_id=student.school_id)
    readiness = public.school_readiness(school_id=student.school_id, peers=[student], topics=topics)[student.pk]
    return {"readiness": readiness, "topics": topics, "student": student}


# --- Peer handouts -------------------------------------------------------------------------------------------------


def _own_partner_ids(*, access) -> set[int] | None:
    """The focus students a signed-in peer is paired with (confirmed); None for staff, who see every handout."""
    if has_permission(access, "view_orientations"):
        return None
    own = school_selectors.own_student_record(access=access)
    if own is None or own.kind != Student.Kind.PEER:
        return set()
    return set(recruitment_selectors.confirmed_partners(peer=own).values_list("pk", flat=True))


def handout_student(*, access, pk) -> Student | None:
    """The focus student whose handout may be shown: one of the active school's, and for a peer, only a partner of a
    confirmed pairing (anyone else: None, a 404)."""
    students = Student.objects.visible_to(access).filter(kind=Student.Kind.FOCUS, pk=pk)
    partners = _own_partner_ids(access=access)
    if partners is not None:
        students = students.filter(pk__in=partners)
    return students.first()


def handout(*, student) -> PeerSafeProfile:
    """The handout's content: the peer-safe profile only (about me, how I communicate, how you can help), the name
    through ``shared_name`` (directory opt-out honoured). Nothing confidential, so nothing to log."""
    return peer_safe_profile(student)


def program_handouts(*, program) -> list[PeerSafeProfile]:
    """A program's focus students' handouts, for staff: one query."""
    students = program_selectors.active_participants(program=program, kind=Student.Kind.FOCUS)
    return [peer_safe_profile(student) for student in students]


def my_partner_handouts(access) -> dict:
    """A signed-in peer's partners, with links to their handouts (dashboard panel): two queries."""
    partners = _own_partner_ids(access=access)
    if not partners:
        return {"handouts": []}
    students = Student.objects.visible_to(access).filter(pk__in=partners).order_by("first_name", "pk")
    return {"handouts": [peer_safe_profile(student) for student in students]}
