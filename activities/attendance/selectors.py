"""The read side of attendance: who is expected at an occurrence, the phone page's sheet, walk-ins waiting, the
supervisor's dashboard panel, and the guide's first outcomes (inclusive minutes per focus student per week, distinct
peers, each peer's participation), re-exported by ``activities.selectors`` for the evaluation app.

The outcome selectors aggregate in the database: a fixed number of queries whatever the size of the term."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractIsoYear, ExtractWeek

from schools.dates import school_today, school_zone
from schools.models import Student

from ..models import (
    INCLUSIVE_BY_DEFAULT,
    Attendance,
    AttendanceChange,
    CheckIn,
    KioskToken,
    Occurrence,
    Participant,
    token_digest,
)

# How far back the supervisor's dashboard looks for attendance not taken (the supervisor's 7 days).
RECENT_DAYS = 7
# Someone there (for some minutes): present, late or left early.
PRESENT_STATUSES = [Attendance.Status.PRESENT, Attendance.Status.LATE, Attendance.Status.LEFT_EARLY]


def occurrence_queryset(*, access):
    """Occurrences a staff page may open: the active school's only (another school's is a 404)."""
    return Occurrence.objects.visible_to(access).select_related("activity__program__school", "activity__term")


def expected_students(*, occurrence: Occurrence):
    """The people placed in the activity on the occurrence's date: placed now, or withdrawn after that day."""
    zone = school_zone(occurrence.activity.program.school)
    day_end = datetime.datetime.combine(occurrence.date, datetime.time.max, tzinfo=zone)
    places = Participant.objects.filter(activity_id=occurrence.activity_id).filter(
        Q(status=Participant.Status.PLACED) | Q(status=Participant.Status.WITHDRAWN, left_at__gt=day_end)
    )
    return Student.objects.filter(pk__in=places.values("student_id")).order_by("first_name", "last_name", "pk")


@dataclass
class SheetRow:
    student: Student
    row: Attendance | None
    status: str = Attendance.Status.PRESENT
    minutes_missed: int = 0
    note: str = ""
    minutes: int = 0
    expected: bool = True


def attendance_sheet(*, occurrence: Occurrence) -> list[SheetRow]:
    """One row per person expected (or already recorded): their saved mark, or present by default. Two queries."""
    rows = {r.student_id: r for r in Attendance.objects.filter(occurrence=occurrence).select_related("student")}
    students = {s.pk: s for s in expected_students(occurrence=occurrence)}
    sheet = []
    for student in sorted(
        [*students.values(), *(r.student for pk, r in rows.items() if pk not in students)],
        key=lambda s: (s.first_name, s.last_name, s.pk),
    ):
        row = rows.get(student.pk)
        if row is None:
            sheet.append(SheetRow(student=student, row=None, minutes=occurrence.minutes))
        else:
            sheet.append(
                SheetRow(
                    student=student,
                    row=row,
                    status=row.status,
                    minutes_missed=row.minutes_missed,
                    note=row.note,
                    minutes=row.minutes,
                    expected=student.pk in students,
                )
            )
    return sheet


def waiting_check_ins(*, occurrence: Occurrence):
    return CheckIn.objects.filter(occurrence=occurrence, status=CheckIn.Status.WAITING).select_related("student")


def attendance_history(*, occurrence: Occurrence):
    return (
        AttendanceChange.objects.filter(attendance__occurrence=occurrence)
        .select_related("attendance__student", "changed_by")
        .order_by("-changed_at", "-pk")
    )


def own_check_in(*, occurrence: Occurrence, student):
    """The person's own check-in and attendance row at ``occurrence`` (None when they have none)."""
    return (
        CheckIn.objects.filter(occurrence=occurrence, student=student).first(),
        Attendance.objects.filter(occurrence=occurrence, student=student).first(),
    )


def kiosk_for_token(token: str):
    """The kiosk a token opens, or None (unknown, forged, revoked, or its activity cancelled)."""
    if not token or len(token) > 100:
        return None
    return (
        KioskToken.objects.filter(digest=token_digest(token), revoked_at=None, activity__cancelled_at=None)
        .select_related("activity__program__school")
        .first()
    )


def kiosk_occurrences(*, kiosk: KioskToken):
    """Today's occurrences of the kiosk's activity, not cancelled."""
    today = school_today(kiosk.activity.program.school)
    return Occurrence.objects.filter(activity=kiosk.activity, date=today).not_cancelled().order_by("starts_at")


def kiosk_people(*, kiosk: KioskToken, occurrences) -> list[Student]:
    """Who may check in at the kiosk: the people expected at today's occurrences. A family that opted out of the
    directory keeps its child's name off the classroom screen: that child checks in with the QR code and a sign-in."""
    people: dict[int, Student] = {}
    for occurrence in occurrences:
        for student in expected_students(occurrence=occurrence).filter(directory_opt_out=False):
            people[student.pk] = student
    return list(people.values())


def kiosk_student(*, pk: int) -> Student:
    return Student.objects.select_related("school").get(pk=pk)


def activity_kiosks(*, activity):
    return KioskToken.objects.filter(activity=activity, revoked_at=None).order_by("-created_at")


# --- The supervisor's dashboard panel ---


def attendance_due_panel(access) -> dict:
    """Today's and the last 7 days' occurrences the person supervises (or, for a coordinator, of the school) with
    attendance not yet taken. Two queries."""
    school = access.school
    if school is None:
        return {"occurrences": []}
    today = school_today(school)
    occurrences = (
        Occurrence.objects.visible_to(access)
        .not_cancelled()
        .filter(date__range=(today - datetime.timedelta(days=RECENT_DAYS), today), attendance_taken_at=None)
        .filter(activity__supervisors=access.user)
        .select_related("activity")
        .order_by("-date", "starts_at")
        .distinct()[:10]
    )
    return {"occurrences": list(occurrences), "today": today}


# --- The guide's first outcomes: minutes in inclusive settings, distinct peers, participation ---


def _inclusive_q() -> Q:
    inclusive_kinds = [kind for kind, inclusive in INCLUSIVE_BY_DEFAULT.items() if inclusive]
    return Q(occurrence__activity__inclusive_override=True) | Q(
        occurrence__activity__inclusive_override=None, occurrence__activity__kind__in=inclusive_kinds
    )


def _counted(*, program, term):
    """Attendance that counts: the program's occurrences on the days of ``term`` (a school year holds its semesters'
    activities, so a year's report counts them all), occurrences and activities not cancelled, the person there for
    some minutes."""
    return Attendance.objects.filter(
        occurrence__activity__program=program,
        occurrence__date__range=(term.start_date, term.end_date),
        occurrence__cancelled_at=None,
        occurrence__activity__cancelled_at=None,
        minutes__gt=0,
    ).exclude(status=Attendance.Status.ABSENT)


@dataclass(frozen=True)
class WeekMinutes:
    student_id: int
    first_name: str
    last_name: str
    week: datetime.date  # the Monday of the ISO week
    minutes: int


def inclusive_minutes_by_week(*, program, term) -> list[WeekMinutes]:
    """Minutes each focus student spent in inclusive settings (``Activity.is_inclusive``, the coordinator's override
    included), per ISO week, from attendance. One query."""
    rows = (
        _counted(program=program, term=term)
        .filter(_inclusive_q(), student__kind=Student.Kind.FOCUS)
        .annotate(iso_year=ExtractIsoYear("occurrence__date"), iso_week=ExtractWeek("occurrence__date"))
        .values("student_id", "student__first_name", "student__last_name", "iso_year", "iso_week")
        .annotate(total=Sum("minutes"))
        .order_by("student__last_name", "student__first_name", "student_id", "iso_year", "iso_week")
    )
    return [
        WeekMinutes(
            student_id=r["student_id"],
            first_name=r["student__first_name"],
            last_name=r["student__last_name"],
            week=datetime.date.fromisocalendar(r["iso_year"], r["iso_week"], 1),
            minutes=r["total"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class DistinctPeers:
    student_id: int
    first_name: str
    last_name: str
    peers: int


def distinct_peers_by_focus_student(*, program, term) -> list[DistinctPeers]:
    """How many different peers were there at the same occurrences as each focus student (both present for some
    minutes; any setting, the special-education period too: it is time spent together). One query."""
    together = Q(
        occurrence__attendance__student__kind=Student.Kind.PEER,
        occurrence__attendance__minutes__gt=0,
        occurrence__attendance__status__in=PRESENT_STATUSES,
    )
    rows = (
        _counted(program=program, term=term)
        .filter(student__kind=Student.Kind.FOCUS)
        .values("student_id", "student__first_name", "student__last_name")
        .annotate(peers=Count("occurrence__attendance__student", filter=together, distinct=True))
        .order_by("student__last_name", "student__first_name", "student_id")
    )
    return [
        DistinctPeers(
            student_id=r["student_id"],
            first_name=r["student__first_name"],
            last_name=r["student__last_name"],
            peers=r["peers"],
        )
        for r in rows
    ]


@dataclass
class PeerParticipation:
    student_id: int
    first_name: str
    last_name: str
    occurrences: int = 0
    minutes: int = 0
    partners: int = 0


def peer_participation(*, program, term) -> list[PeerParticipation]:
    """Per peer: the occurrences they attended, their minutes, and how many different focus students they spent
    time with. Two queries (the partners' join would multiply the minutes if summed in the same one)."""
    counted = _counted(program=program, term=term).filter(student__kind=Student.Kind.PEER)
    totals = (
        counted.values("student_id", "student__first_name", "student__last_name")
        .annotate(occurrences=Count("occurrence", distinct=True), total=Sum("minutes"))
        .order_by("student__last_name", "student__first_name", "student_id")
    )
    together = Q(
        occurrence__attendance__student__kind=Student.Kind.FOCUS,
        occurrence__attendance__minutes__gt=0,
        occurrence__attendance__status__in=PRESENT_STATUSES,
    )
    partners = dict(
        counted.values("student_id")
        .annotate(partners=Count("occurrence__attendance__student", filter=together, distinct=True))
        .values_list("student_id", "partners")
    )
    return [
        PeerParticipation(
            student_id=r["student_id"],
            first_name=r["student__first_name"],
            last_name=r["student__last_name"],
            occurrences=r["occurrences"],
            minutes=r["total"],
            partners=partners.get(r["student_id"], 0),
        )
        for r in totals
    ]


def student_inclusive_minutes(*, student, today: datetime.date) -> int:
    """A focus student's inclusive minutes in the activities of the term running ``today``, every program together
    (their page's section). One query."""
    total = (
        Attendance.objects.filter(
            student=student,
            occurrence__activity__term__start_date__lte=today,
            occurrence__activity__term__end_date__gte=today,
            occurrence__cancelled_at=None,
            occurrence__activity__cancelled_at=None,
            status__in=PRESENT_STATUSES,
        )
        .filter(_inclusive_q())
        .aggregate(total=Sum("minutes"))["total"]
    )
    return total or 0
