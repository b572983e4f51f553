"""The observation tests' objects: today's lunch group of East (``east_attendance``: Noah, the focus student, and
Sofia, a peer, placed; supervised by the teacher and the coordinator) with an observation of Noah by the teacher,
started a minute ago, and a second peer placed so distinct peers can be counted."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from activities.models import Observation, Participant
from activities.observation import services
from tests.activities.factories import AttendanceObjects, ParticipantFactory, east_attendance
from tests.schools.factories import StudentFactory


@dataclass
class ObservationObjects:
    lunch: AttendanceObjects
    observation: Observation
    second_peer: object


def east_observation(world) -> ObservationObjects:
    cached = getattr(world, "_east_observation", None)
    if cached is not None:
        return cached
    lunch = east_attendance(world)
    second_peer = StudentFactory(school=world.school, first_name="Liam", last_name="Chen")
    ParticipantFactory(activity=lunch.activity, student=second_peer, source=Participant.Source.ADDED)
    observation = services.observation_start(
        occurrence=lunch.today,
        student=world.focus_student,
        observer=world.user("staff"),
        method=Observation.Method.PARTIAL_INTERVAL,
        observe_seconds=10,
        record_seconds=5,
        interval_count=8,
    )
    observation.started_at = timezone.now() - datetime.timedelta(minutes=1)
    observation.save(update_fields=["started_at"])
    objects = ObservationObjects(lunch=lunch, observation=observation, second_peer=second_peer)
    world._east_observation = objects
    return objects


def interval(number, *, skipped=False, interaction="none", engaged="na", adult_near=False, peers=()):
    return {
        "number": number,
        "skipped": skipped,
        "interaction": interaction,
        "engaged": engaged,
        "adult_near": adult_near,
        "peers": list(peers),
    }


def payload(observation, intervals, **extra):
    return {"client_id": str(observation.client_id), "intervals": intervals, **extra}
