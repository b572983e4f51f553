"""East Elementary's records work for the role matrix and the privacy tests: an open records request about the focus
student, one disclosure, and a guardian with an email address (with their signed link). Built once per ``world``."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from schools.privacy import guardian_links
from schools.privacy.models import InspectionRequest
from schools.privacy.services import disclosure_record

from ..factories import GuardianFactory


@dataclass
class RecordsObjects:
    inspection_request: object
    disclosure: object
    guardian: object

    @property
    def guardian_link(self) -> str:
        return guardian_links.sign(self.guardian)


def east_records(world) -> RecordsObjects:
    cached = getattr(world, "_east_records", None)
    if cached is not None:
        return cached
    student = world.focus_student
    received_on = timezone.localdate() - datetime.timedelta(days=3)
    inspection_request = InspectionRequest.objects.create(
        school=world.school,
        student=student,
        requested_by="Erin Bennett",
        relationship="Mother",
        contact="erin@family.example.org",
        received_on=received_on,
        due_on=received_on + datetime.timedelta(days=45),
    )
    disclosure = disclosure_record(
        student=student,
        recipient="Riverside district office",
        purpose="Annual program report",
        what="A report sent to the district office",
        disclosed_by=world.user("coordinator"),
    )
    guardian = GuardianFactory(student=student, name="Erin Bennett", email="erin@family.example.org")
    objects = RecordsObjects(inspection_request=inspection_request, disclosure=disclosure, guardian=guardian)
    world._east_records = objects
    return objects
