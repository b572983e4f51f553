"""Demo records work at East Elementary for seed_demo: two open records requests (one of them overdue, so the
coordinator's dashboard flags it) and two disclosures outside the school.

Idempotent: requests are found by student and requester and their dates moved relative to today; a disclosure is
append-only, so it is only recorded when the same one is not there yet.
"""

import datetime

from django.utils import timezone

from ..dates import school_today
from ..models import School, Student, User
from .models import INSPECTION_DAYS, Disclosure, InspectionRequest
from .services import disclosure_record

# (first, last, requested by, relationship, contact, received days ago)
REQUESTS = [
    ("Noah", "Bennett", "Erin Bennett", "Mother", "erin.bennett@family.example.org", INSPECTION_DAYS + 5),
    ("Ava", "Thompson", "Denise Thompson", "Grandmother", "555-0142", 10),
]
# (first, last, given to, purpose, what, days ago)
DISCLOSURES = [
    (
        "Noah",
        "Bennett",
        "Riverside Public Schools district office",
        "Annual report on the district's peer partner programs",
        "A report sent to the district office: program participation and progress on social goals",
        20,
    ),
    (
        "Ava",
        "Thompson",
        "Denise Thompson (grandmother)",
        "The family asked for a copy to share with Ava's new speech therapist",
        "An export given to a parent: Ava's profile and communication supports",
        3,
    ),
]


def seed(*, password: str) -> str:
    school = School.objects.get(slug="east-elementary")
    coordinator = User.objects.filter(username="east.coordinator").first()
    today = school_today(school)
    for first, last, requested_by, relationship, contact, days_ago in REQUESTS:
        student = Student.objects.get(school=school, first_name=first, last_name=last)
        received_on = today - datetime.timedelta(days=days_ago)
        InspectionRequest.objects.update_or_create(
            school=school,
            student=student,
            requested_by=requested_by,
            defaults={
                "relationship": relationship,
                "contact": contact,
                "received_on": received_on,
                "due_on": received_on + datetime.timedelta(days=INSPECTION_DAYS),
                "status": InspectionRequest.Status.OPEN,
                "fulfilled_on": None,
                "recorded_by": coordinator,
            },
        )
    for first, last, recipient, purpose, what, days_ago in DISCLOSURES:
        student = Student.objects.get(school=school, first_name=first, last_name=last)
        if not Disclosure.objects.filter(student=student, recipient=recipient, what=what).exists():
            disclosure_record(
                student=student,
                recipient=recipient,
                purpose=purpose,
                what=what,
                disclosed_by=coordinator,
                disclosed_at=timezone.now() - datetime.timedelta(days=days_ago),
            )
    return (
        f"{InspectionRequest.objects.filter(school=school).open().count()} open records requests, "
        f"{Disclosure.objects.filter(school=school).count()} disclosures"
    )
