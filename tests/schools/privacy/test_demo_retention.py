"""The demo shows a consent that ends soon and a former student due for anonymising; seeding again keeps it so."""

import pytest
from django.core.management import call_command

from schools.models import ConsentRecord, Student
from schools.privacy import retention
from schools.privacy.demo_retention import FORMER_ID


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=None)


def test_the_demo_has_a_former_student_due_and_a_consent_ending_soon(seeded):
    former = Student.objects.get(source_id=FORMER_ID)
    assert former.pk in [row.student_id for row in retention.retention_due(school=former.school)]
    record = ConsentRecord.objects.get(school=former.school, scope=ConsentRecord.Scope.PARTICIPATION)
    assert record.renewal_requested_at is None and record.is_valid()
    call_command("seed_demo", stdout=None)
    assert Student.objects.filter(source_id=FORMER_ID).count() == 1
    assert ConsentRecord.objects.filter(school=former.school, scope=ConsentRecord.Scope.PARTICIPATION).count() == 1
