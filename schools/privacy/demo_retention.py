"""Demo retention for seed_demo: at East Elementary, a former peer due for anonymising (the principal's "Keeping
student data" page lists them). The consent that ends soon is a returning peer's paper consent, seeded with the
program's peers (``programs.demo``). Idempotent: rows are found by their SIS id and updated."""

import datetime

from django.utils import timezone

from ..models import Guardian, PeerAvailability, Period, School, Student

FORMER_ID = "DEMO-FORMER-1"


def seed(*, password: str) -> str:
    school = School.objects.filter(slug="east-elementary").first()
    if school is None:
        return ""
    former, _created = Student.objects.update_or_create(
        school=school,
        source_id=FORMER_ID,
        defaults={
            "kind": Student.Kind.PEER,
            "first_name": "Jordan",
            "last_name": "Whitfield",
            "grade": school.highest_grade,
            "interests": "Chess and basketball",
            "is_active": False,
            "participation": Student.Participation.FORMER,
            "anonymised_at": None,
        },
    )
    Guardian.objects.update_or_create(
        student=former, name="Casey Whitfield", defaults={"email": "casey.whitfield@example.org", "is_primary": True}
    )
    period = Period.objects.filter(schedule__school=school).order_by("order").first()
    if period is not None:
        PeerAvailability.objects.get_or_create(student=former, period=period, weekday=0)
    # Left the school two years ago (update() keeps the date: ``updated_at`` is the record's last change).
    Student.objects.filter(pk=former.pk).update(updated_at=timezone.now() - datetime.timedelta(days=730))
    return "1 former student due for anonymising"
