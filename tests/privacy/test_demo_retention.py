"""The demo shows a consent that ends soon and a former student due for anonymising; seeding again keeps it so."""

import datetime

import pytest
from django.core.management import call_command

from programs.demo_data import CONSENT_ENDING_SOON
from schools.dates import school_today
from schools.models import ConsentRecord, Student
from schools.privacy import retention
from schools.privacy.demo_retention import FORMER_ID


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=None)


def test_the_demo_has_a_former_student_due_and_a_consent_ending_soon(seeded):
    former = Student.objects.get(source_id=FORMER_ID)
    assert former.pk in [row.student_id for row in retention.retention_due(school=former.school)]
    # A returning peer's paper consent ends in three weeks: the daily task will ask the parent to renew it.
    first, last = CONSENT_ENDING_SOON
    record = ConsentRecord.objects.get(
        student__first_name=first, student__last_name=last, scope=ConsentRecord.Scope.PARTICIPATION
    )
    assert record.renewal_requested_at is None and record.is_valid()
    assert record.expires_on == school_today(former.school) + datetime.timedelta(days=21)
    before = ConsentRecord.objects.filter(scope=ConsentRecord.Scope.PARTICIPATION).count()
    call_command("seed_demo", stdout=None)
    assert Student.objects.filter(source_id=FORMER_ID).count() == 1
    assert ConsentRecord.objects.filter(scope=ConsentRecord.Scope.PARTICIPATION).count() == before
