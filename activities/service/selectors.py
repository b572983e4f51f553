"""Read side of service-learning projects and service hours: already scoped, with what each page needs in a fixed
number of queries. Pages for peers and students are built from first names only (``schools.peer_safe``)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Prefetch, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from schools.models import Student
from schools.peer_safe import shared_name

from ..models import (
    Activity,
    ActivitySettings,
    Kind,
    Participant,
    ServiceHours,
    ServicePhoto,
    ServiceProject,
    ServiceTask,
)

# The hours that count: the verifier's figure when they changed it (``ServiceHours.counted_hours`` in SQL).
COUNTED_HOURS = Case(
    When(
        verification=ServiceHours.Verification.CHANGED,
        verified_hours__isnull=False,
        then=F("verified_hours"),
    ),
    default=F("hours"),
    output_field=DecimalField(max_digits=7, decimal_places=2),
)
ZERO = Decimal("0.00")


# --- Service hours ------------------------------------------------------------------------------------------------


def student_programs(*, student):
    """The programs a student takes part in now (where they may claim hours)."""
    return (
        program_selectors.school_programs(school=student.school)
        .filter(participants__student=student, participants__status="active")
        .distinct()
    )


def programs_with_approved_hours(*, student, term):
    """The programs in which the student has approved hours in the term (a certificate page each)."""
    return (
        program_selectors.school_programs(school=student.school)
        .filter(
            service_hours__student=student,
            service_hours__term=term,
            service_hours__approval=ServiceHours.Approval.APPROVED,
        )
        .distinct()
    )


@dataclass
class TermTotal:
    term: object
    approved: Decimal = ZERO
    waiting: Decimal = ZERO
    declined: Decimal = ZERO


def own_hours(*, student) -> dict:
    """A peer's or student's own entries (newest first) and their totals per term: approved, waiting, declined."""
    entries = list(
        ServiceHours.objects.filter(student=student)
        .select_related("term", "program", "activity")
        .order_by("-date", "-created_at")
    )
    totals: dict[int, TermTotal] = {}
    for entry in entries:
        total = totals.setdefault(entry.term_id, TermTotal(term=entry.term))
        if entry.approval == ServiceHours.Approval.APPROVED:
            total.approved += entry.counted_hours
        elif entry.approval == ServiceHours.Approval.DECLINED:
            total.declined += entry.counted_hours
        else:
            total.waiting += entry.counted_hours
    ordered = sorted(totals.values(), key=lambda t: t.term.start_date, reverse=True)
    return {"entries": entries, "term_totals": ordered}


def own_hours_panel(access) -> dict:
    """The dashboard's "Your service hours": approved and waiting hours of the person's own entries (one query)."""
    from schools.selectors import own_student_record

    me = own_student_record(access=access)
    if me is None:
        return {"me": None}
    totals = ServiceHours.objects.filter(student=me).aggregate(
        approved=Sum(COUNTED_HOURS, filter=Q(approval=ServiceHours.Approval.APPROVED)),
        waiting=Sum(COUNTED_HOURS, filter=Q(approval=ServiceHours.Approval.PENDING)),
    )
    # Two decimals, as every page writes hours (SQLite's sum drops trailing zeros).
    return {key: (value or ZERO).quantize(ZERO) for key, value in totals.items()} | {"me": me}


def approval_panel(access) -> dict:
    """The dashboard's "Service hours to approve": how many entries wait for approval, and for their verifier."""
    entries = ServiceHours.objects.visible_to(access)
    counts = entries.aggregate(
        waiting=Count("pk", filter=Q(approval=ServiceHours.Approval.PENDING)),
        verifier=Count("pk", filter=Q(verification=ServiceHours.Verification.PENDING)),
    )
    return counts


def hours_queryset(*, access):
    return ServiceHours.objects.visible_to(access)


def review_entries(*, access, program=None, term=None, status: str = ""):
    """The active school's entries for the coordinator's list, filtered; everything a row shows in one query."""
    entries = ServiceHours.objects.visible_to(access).select_related(
        "student", "program", "term", "activity", "decided_by", "created_by"
    )
    if program is not None:
        entries = entries.filter(program=program)
    if term is not None:
        entries = entries.filter(term=term)
    if status in ServiceHours.Approval.values:
        entries = entries.filter(approval=status)
    elif status == "verifier":
        entries = entries.filter(verification=ServiceHours.Verification.PENDING)
    return entries.order_by("-date", "student__last_name", "student__first_name", "pk")


def verification_entry(*, pk: int):
    """The entry a verifier's signed link names (claims only), with what the page shows."""
    return (
        ServiceHours.objects.filter(pk=pk, source=ServiceHours.Source.CLAIM)
        .select_related("student", "program__school")
        .first()
    )


def program_settings(*, program) -> ActivitySettings:
    """The program's settings (unsaved defaults when it has none yet)."""
    return ActivitySettings.objects.filter(program=program).first() or ActivitySettings(program=program)


def _approver(entry) -> str:
    if entry.decided_by is not None:
        return entry.decided_by.display_name
    return _("Program rule (approved automatically)")


def verified_by(entry) -> str:
    if entry.source == ServiceHours.Source.ATTENDANCE:
        return _("Attendance")
    if entry.verification in (ServiceHours.Verification.CONFIRMED, ServiceHours.Verification.CHANGED):
        return entry.verifier_name
    return ""


def what_and_where(entry) -> str:
    """The activity and, when it has a project, its partner organisation; a claim: "Outside school"."""
    if entry.activity is None:
        return _("Outside school")
    project = getattr(entry.activity, "service_project", None)
    partner = project.partner_organisation if project is not None else ""
    # "Food drive for the Riverside Food Bank (Riverside Food Bank)" says it twice: the partner only when the title
    # does not already name it.
    if partner and partner.casefold() not in entry.activity.title.casefold():
        return f"{entry.activity.title} ({partner})"
    return entry.activity.title


def what_was_done(entry) -> str:
    """The student's own words for a claim; for hours from attendance (whose description is the activity's title),
    what the certificate's reader needs to know instead."""
    if entry.source == ServiceHours.Source.ATTENDANCE and entry.activity and entry.description == entry.activity.title:
        return _("Took part in the project's session (from attendance)")
    return entry.description


SIS_HEADER = [
    "SIS student id",
    "Last name",
    "First name",
    "Grade",
    "Date",
    "Hours",
    "Activity / organisation",
    "Description",
    "Verified by",
    "Approved by",
    "Approved on",
]


def sis_rows(*, entries) -> list[list]:
    """One row per approved entry, in the shape schools send hours to their SIS (``SIS_HEADER``)."""
    approved = (
        entries.filter(approval=ServiceHours.Approval.APPROVED)
        .select_related("student", "activity__service_project", "decided_by", "program__school")
        .order_by("student__last_name", "student__first_name", "student_id", "date", "pk")
    )
    rows = []
    for entry in approved:
        zone = timezone.get_default_timezone()
        decided = timezone.localtime(entry.decided_at, zone).date() if entry.decided_at else None
        rows.append(
            [
                entry.student.source_id,
                entry.student.last_name,
                entry.student.first_name,
                entry.student.grade,
                entry.date,
                entry.counted_hours,
                what_and_where(entry),
                entry.description,
                verified_by(entry),
                _approver(entry),
                decided,
            ]
        )
    return rows


@dataclass
class Certificate:
    student: Student
    program: object
    term: object
    entries: list = field(default_factory=list)
    total: Decimal = ZERO


def certificates(*, program, term, students=None) -> list[Certificate]:
    """One certificate per student with approved hours in the program and term (approved hours only), by name."""
    entries = (
        ServiceHours.objects.filter(program=program, term=term, approval=ServiceHours.Approval.APPROVED)
        .select_related("student", "activity__service_project")
        .order_by("student__last_name", "student__first_name", "student_id", "date", "pk")
    )
    if students is not None:
        entries = entries.filter(student__in=students)
    by_student: dict[int, Certificate] = {}
    for entry in entries:
        certificate = by_student.setdefault(
            entry.student_id, Certificate(student=entry.student, program=program, term=term)
        )
        entry.where, entry.what = what_and_where(entry), what_was_done(entry)
        certificate.entries.append(entry)
        certificate.total += entry.counted_hours
    return list(by_student.values())


def coordinator_name(*, program) -> str:
    users = program_selectors.team_users(program=program)
    return users[0].display_name if users else ""


# --- Service-learning projects ------------------------------------------------------------------------------------


def service_activities(*, access):
    """The active school's community / service-learning activities."""
    return (
        Activity.objects.visible_to(access).filter(kind=Kind.SERVICE_LEARNING).select_related("program__school", "term")
    )


def _tasks():
    return ServiceTask.objects.prefetch_related(
        Prefetch("students", queryset=Student.objects.order_by("last_name", "first_name"))
    ).order_by("order", "pk")


def _photos():
    return ServicePhoto.objects.prefetch_related(
        Prefetch("students", queryset=Student.objects.order_by("last_name", "first_name"))
    ).order_by("uploaded_at", "pk")


def project_of(*, activity) -> ServiceProject | None:
    return (
        ServiceProject.objects.filter(activity=activity)
        .prefetch_related(Prefetch("tasks", queryset=_tasks()), Prefetch("photos", queryset=_photos()))
        .first()
    )


@dataclass
class TaskRow:
    task: ServiceTask
    names: list[str]
    # Who does it: "both", "focus" (students with disabilities only), "peer" (peers only) or "" (nobody yet).
    groups: str


def _groups(students) -> str:
    kinds = {s.kind for s in students}
    if len(kinds) == 2:
        return "both"
    if kinds == {Student.Kind.FOCUS}:
        return "focus"
    if kinds == {Student.Kind.PEER}:
        return "peer"
    return ""


def plan(*, project, peer_safe: bool) -> dict:
    """The plan's tasks with who does them (full names for staff, first names for peers), and whether a task or
    the whole plan involves only one group (the guide asks for roles shared by students with and without
    disabilities)."""
    rows, everyone = [], []
    for task in project.tasks.all():
        students = list(task.students.all())
        everyone.extend(students)
        names = [shared_name(s, hidden_as=_("A classmate")) if peer_safe else s.full_name for s in students]
        rows.append(TaskRow(task=task, names=names, groups=_groups(students)))
    return {"tasks": rows, "plan_groups": _groups(everyone)}


def placed_students(*, activity):
    return Student.objects.filter(
        activity_places__activity=activity, activity_places__status=Participant.Status.PLACED
    ).order_by("last_name", "first_name")


def shared_project_activity(*, access, pk, student):
    """A service-learning activity the student takes part in (placed), or None: the only project a peer opens."""
    if student is None:
        return None
    return (
        Activity.objects.visible_to(access)
        .filter(
            pk=pk,
            kind=Kind.SERVICE_LEARNING,
            participants__student=student,
            participants__status=Participant.Status.PLACED,
        )
        .select_related("program__school", "term")
        .first()
    )


def peer_photos(*, project) -> list:
    """The photos peers may see: none showing a student whose family opted out of the directory; each with the
    first names of those tagged."""
    shown = []
    for photo in project.photos.all():
        tagged = list(photo.students.all())
        if any(s.directory_opt_out for s in tagged):
            continue
        shown.append((photo, [s.short_name for s in tagged]))
    return shown


def peer_visible_photo(*, access, student, pk):
    """One photo a peer may open: of a project they take part in, tagged with nobody who opted out."""
    if student is None:
        return None
    photo = (
        ServicePhoto.objects.visible_to(access)
        .filter(
            pk=pk,
            project__activity__participants__student=student,
            project__activity__participants__status=Participant.Status.PLACED,
        )
        .exclude(Q(students__directory_opt_out=True))
        .first()
    )
    return photo


def own_projects(*, access, student):
    """The service-learning projects a peer or student takes part in (for their hours page)."""
    if student is None:
        return Activity.objects.none()
    return (
        Activity.objects.visible_to(access)
        .filter(
            kind=Kind.SERVICE_LEARNING,
            participants__student=student,
            participants__status=Participant.Status.PLACED,
            service_project__isnull=False,
        )
        .not_cancelled()
        .order_by("first_date")
    )
