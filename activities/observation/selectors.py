"""The read side of observations: who may be observed at an occurrence and which peers count, the observations a
staff page may open (the active school's only), a record's intervals as measure records, and a list that takes a
fixed number of queries whatever its length."""

from dataclasses import dataclass

from django.db.models import Prefetch

from schools.models import Student

from ..attendance.selectors import expected_students
from ..attendance.selectors import occurrence_queryset as attendance_occurrences
from ..models import Observation, ObservationInterval, Occurrence
from . import measures as m


def occurrence_queryset(*, access):
    """Occurrences an observation page may open: the active school's only (another school's is a 404)."""
    return attendance_occurrences(access=access)


def focus_students_placed(*, occurrence: Occurrence):
    """The focus students placed in the occurrence's activity on its date: who may be observed."""
    return expected_students(occurrence=occurrence).filter(kind=Student.Kind.FOCUS)


def observation_peers(*, observation: Observation):
    """The peers the focus student may be seen with: everyone else placed in the activity on the occurrence's date
    (of the school: places are of the activity's school only)."""
    return expected_students(occurrence=observation.occurrence).exclude(pk=observation.student_id)


def observation_queryset(*, access):
    """Observations a staff page may open: the active school's only."""
    return Observation.objects.visible_to(access).select_related(
        "occurrence__activity__program__school", "student", "observer", "primary__observer"
    )


def in_progress_to_join(*, occurrence: Occurrence, user):
    """First observers' records of ``occurrence`` started and not finished, of someone else: a second observer may
    join them (same clock)."""
    return (
        Observation.objects.filter(occurrence=occurrence, primary=None, started_at__isnull=False, finished_at=None)
        .exclude(observer=user)
        .select_related("student", "observer")
        .order_by("started_at")
    )


def own_observations_of(*, occurrence: Occurrence, user):
    return Observation.objects.filter(occurrence=occurrence, observer=user).select_related("student").order_by("pk")


def interval_records(observation: Observation) -> list[m.IntervalRecord]:
    """The observation's intervals as measure records (two queries: the intervals and their peers)."""
    return records_of(observation.intervals.prefetch_related("peers"))


def records_of(intervals) -> list[m.IntervalRecord]:
    return [
        m.IntervalRecord(
            number=i.number,
            skipped=i.skipped,
            interaction=i.interaction,
            engaged=i.engaged,
            adult_near=i.adult_near,
            peers=frozenset(p.pk for p in i.peers.all()),
        )
        for i in intervals
    ]


@dataclass
class AgreementRow:
    """The agreement between the first observer's record and one second observer's."""

    primary: Observation
    second: Observation
    agreement: m.Agreement


def observation_results(*, observation: Observation) -> dict:
    """The measures of ``observation`` and, when a second observer took part (either side), the inter-observer
    agreement of each pair of records: the first observer's with each second observer's."""
    records = interval_records(observation)
    agreements = []
    if observation.primary_id:
        primary = observation.primary
        agreements.append(AgreementRow(primary, observation, m.agreement(interval_records(primary), records)))
    else:
        for second in observation.second_observations.select_related("observer").order_by("pk"):
            agreements.append(AgreementRow(observation, second, m.agreement(records, interval_records(second))))
    return {"measures": m.measures(records), "agreements": agreements, "records": records}


@dataclass
class ListRow:
    observation: Observation
    measures: m.Measures


def observation_list(
    *, access, student=None, occurrence=None, first_observers_only: bool = False, limit: int | None = None
) -> list[ListRow]:
    """The active school's observations (a student's, an occurrence's), newest first, each with its measures. Three
    queries whatever the number of rows: the observations, their intervals, the intervals' peers."""
    queryset = observation_queryset(access=access)
    if student is not None:
        queryset = queryset.filter(student=student)
    if occurrence is not None:
        queryset = queryset.filter(occurrence=occurrence)
    if first_observers_only:
        queryset = queryset.filter(primary=None)
    if limit is not None:
        queryset = queryset[:limit]
    queryset = queryset.prefetch_related(
        Prefetch("intervals", queryset=ObservationInterval.objects.prefetch_related("peers"))
    )
    return [ListRow(observation=o, measures=m.measures(records_of(o.intervals.all()))) for o in queryset]


def observed_students(*, access):
    """Focus students of the active school (the list's filter)."""
    return Student.objects.visible_to(access).filter(kind=Student.Kind.FOCUS).order_by("first_name", "last_name")
