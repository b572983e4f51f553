"""Facilitation rows for tests and the role matrix: ``east_facilitation(world)`` (East's Monday/Wednesday lunch group
of ``east_activity`` with logs at its past occurrence) and helpers that make past occurrences with attendance."""

import datetime
from dataclasses import dataclass

from activities.facilitation import services
from activities.models import AdultSupport, Attendance, SupportChange
from activities.services import occurrences_generate
from schools.dates import school_today
from tests.activities.factories import ActivityFactory, AttendanceFactory, ParticipantFactory, east_activity


@dataclass
class FacilitationObjects:
    activity: object
    past: object
    upcoming: object
    student: object
    log: object


def east_facilitation(world) -> FacilitationObjects:
    """Noah's log by the coordinator (one goal practised) and a group log by the teacher at the lunch group's past
    occurrence (where Noah and Sofia were present)."""
    cached = getattr(world, "_east_facilitation", None)
    if cached is not None:
        return cached
    objects = east_activity(world)
    log, _created = services.facilitation_log_save(
        occurrence=objects.past,
        student=world.focus_student,
        by=world.user("coordinator"),
        strategies=["highlight-similarities", "prompt-interactions"],
        adult_support=AdultSupport.NEARBY,
        initiations_by_student=2,
        initiations_by_peers=3,
        interaction_quality=3,
        goals=[world.iep_goal],
        note="Talked about the class pet.",
    )
    services.facilitation_log_save(
        occurrence=objects.past,
        student=None,
        by=world.user("staff"),
        strategies=["arrange-seating"],
        adult_support=AdultSupport.CLOSE,
        initiations_by_student=1,
        initiations_by_peers=1,
        interaction_quality=2,
    )
    world._east_facilitation = FacilitationObjects(
        activity=objects.activity, past=objects.past, upcoming=objects.upcoming, student=world.focus_student, log=log
    )
    return world._east_facilitation


def spare_change(world) -> SupportChange:
    """A support change of Noah's, put back before each request (the role matrix's "remove" deletes it)."""
    pk = getattr(world, "_spare_change_pk", None)
    if pk is None or not SupportChange.objects.filter(pk=pk).exists():
        change = SupportChange.objects.create(
            pk=pk, student=world.focus_student, date=world.term.start_date, what="Paraprofessional moved back"
        )
        world._spare_change_pk = change.pk
    return SupportChange.objects.get(pk=world._spare_change_pk)


def past_lunch(world, days: int, *, present=(), absent=(), title=None):
    """A one-off lunch group ``days`` ago in East's program, Sofia and Noah placed, attendance as given."""
    day = school_today(world.school) - datetime.timedelta(days=days)
    activity = ActivityFactory(
        program=east_activity(world).program,
        term=world.term,
        title=title or f"Lunch {days} days ago",
        starts_at=datetime.time(12, 0),
        ends_at=datetime.time(12, 45),
        first_date=day,
    )
    occurrences_generate(activity=activity)
    occurrence = activity.occurrences.get()
    for student in (world.peer_student, world.focus_student):
        ParticipantFactory(activity=activity, student=student)
    for student in present:
        AttendanceFactory(occurrence=occurrence, student=student)
    for student in absent:
        AttendanceFactory(occurrence=occurrence, student=student, status=Attendance.Status.ABSENT, minutes=0)
    return occurrence
