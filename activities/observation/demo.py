"""Demo observations for seed_demo (after the attendance seeder), through the same services the pages use:

- in the first school with past occurrences of an inclusive activity (the lunch group or the inclusive class of the
  scheduling demo), its first focus student is observed twice by the activity's supervisor: at the first past
  occurrence and at the last, 20 intervals of 10 s observe / 5 s record each, with more peer interaction and less
  adult proximity the second time (support fading);
- the last one has a **second observer** (another staff member of the school, on the same clock) whose intervals
  agree on most but not all, so the results show inter-observer agreement below 100 %;
- a second focus student of the same activity, when there is one, is observed once (momentary time sampling).

Idempotent: an occurrence where the student already has a first observer's record is left as it is.
"""

import datetime

from schools.dates import school_today, school_zone
from schools.models import Membership, Role

from ..models import Activity, Observation, Occurrence
from . import selectors, services

INTERVALS = 20


def seed(*, password: str) -> str:
    for activity in Activity.objects.not_cancelled().select_related("program__school").order_by("pk"):
        if not activity.is_inclusive:
            continue
        school = activity.program.school
        past = list(
            Occurrence.objects.filter(activity=activity, cancelled_at=None, date__lt=school_today(school)).order_by(
                "date"
            )
        )
        if len(past) < 2:
            continue
        students = list(selectors.focus_students_placed(occurrence=past[-1])[:2])
        observer = activity.supervisors.order_by("pk").first() or _staff(school, exclude=None)
        second = _staff(school, exclude=observer)
        if not students or observer is None or second is None:
            continue
        made = 0
        made += _observe(past[0], students[0], observer, fading=0)
        made += _observe(past[-1], students[0], observer, fading=1, second=second)
        if len(students) > 1:
            made += _observe(past[len(past) // 2], students[1], observer, fading=1, momentary=True)
        return f"{made} observations" if made else ""
    return ""


def _staff(school, *, exclude):
    """A staff member of ``school`` other than ``exclude``: the coordinator or special educator first."""
    memberships = Membership.objects.filter(school=school, is_active=True, user__is_active=True).select_related("user")
    if exclude is not None:
        memberships = memberships.exclude(user=exclude)
    preferred = [m for m in memberships.order_by("pk") if m.role in (Role.COORDINATOR, Role.SPECIAL_EDUCATOR)]
    membership = preferred[0] if preferred else memberships.order_by("pk").first()
    return membership.user if membership else None


def _intervals(peers: list[int], *, fading: int, second: bool = False) -> list[dict]:
    """A made-up but plausible session: the student starts some interactions, peers start more; an adult stays near
    in the first observation and fades by the last. A second observer disagrees on a few intervals."""
    rows = []
    for number in range(1, INTERVALS + 1):
        if number == 13:
            rows.append({"number": number, "skipped": True})  # the student left for the nurse
            continue
        # First observation: 2 intervals in 5 with an interaction; the last: 4 in 5.
        cycle = number % 5
        if cycle == 1 or (fading and cycle == 3):
            interaction = "student"
        elif cycle == 2 or (fading and cycle == 4):
            interaction = "peer"
        else:
            interaction = "none"
        engaged = "na" if number in (1, 2) else "no" if number % 6 == 0 else "yes"
        adult_near = number % (2 + 2 * fading) == 0
        involved = [peers[number % len(peers)]] if interaction != "none" and peers else []
        if second:
            if number in (5, 17):
                interaction, involved = "peer", involved or peers[:1]
            if number == 9:
                adult_near = not adult_near
        rows.append(
            {
                "number": number,
                "skipped": False,
                "interaction": interaction,
                "engaged": engaged,
                "adult_near": adult_near,
                "peers": involved,
            }
        )
    return rows


def _observe(occurrence, student, observer, *, fading: int, second=None, momentary=False) -> int:
    if Observation.objects.filter(occurrence=occurrence, student=student, primary=None).exists():
        return 0
    zone = school_zone(occurrence.activity.program.school)
    started = datetime.datetime.combine(occurrence.date, occurrence.starts_at, tzinfo=zone) + datetime.timedelta(
        minutes=3
    )
    method = Observation.Method.MOMENTARY if momentary else Observation.Method.PARTIAL_INTERVAL
    observation = services.observation_start(
        occurrence=occurrence,
        student=student,
        observer=observer,
        method=method,
        observe_seconds=10,
        record_seconds=5,
        interval_count=INTERVALS,
    )
    peers = list(selectors.observation_peers(observation=observation).values_list("pk", flat=True))
    start = {"client_id": str(observation.client_id), "started_at": started.isoformat(), "intervals": []}
    services.observation_intervals_save(observation=observation, by=observer, payload=start)
    made = 1
    if second is not None:
        joined = services.observation_join(primary=observation, observer=second)
        services.observation_intervals_save(
            observation=joined,
            by=second,
            payload={
                "client_id": str(joined.client_id),
                "finished": True,
                "intervals": _intervals(peers, fading=fading, second=True),
            },
        )
        made += 1
    services.observation_intervals_save(
        observation=observation,
        by=observer,
        payload={
            "client_id": str(observation.client_id),
            "finished": True,
            "intervals": _intervals(peers, fading=fading),
        },
    )
    return made
