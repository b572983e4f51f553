"""Objects of the sign-in and consent pages for the role matrix: a consent on record for East's peer."""

import datetime

from schools.privacy.models import ConsentRecord


def east_account_consent(world) -> ConsentRecord:
    consent = ConsentRecord.objects.filter(student=world.peer_student, scope=ConsentRecord.Scope.ACCOUNT).first()
    return consent or ConsentRecord.objects.create(
        school=world.school,
        student=world.peer_student,
        scope=ConsentRecord.Scope.ACCOUNT,
        given_by="Elena Ramirez",
        relationship="Mother",
        given_on=datetime.date(2026, 9, 1),
    )
