"""Write-side workflows of the privacy records (issue 11). Keyword-only, validated before saving, one transaction."""

import logging

from django.db import transaction
from django.utils import timezone

from ..student_accounts import has_account_consent, student_sign_in_turn_off
from .models import ConsentRecord

log = logging.getLogger("peerpartners.security")


# --- Consent records -------------------------------------------------------------------------------------------------


@transaction.atomic
def consent_record_create(*, student, recorded_by, **fields) -> ConsentRecord:
    """Records a parent's or guardian's consent as the school received it (who, relationship, date, scope, how,
    until when). ``fields`` are ConsentRecord's own; the school is the student's."""
    consent = ConsentRecord(school=student.school, student=student, recorded_by=recorded_by, **fields)
    consent.full_clean()
    consent.save()
    log.info(
        "consent.recorded consent_id=%s student_id=%s scope=%s by_user_id=%s",
        consent.pk,
        student.pk,
        consent.scope,
        recorded_by.pk,
    )
    return consent


@transaction.atomic
def consent_record_withdraw(*, consent: ConsentRecord, withdrawn_by, on=None) -> ConsentRecord:
    """Marks the consent withdrawn (from ``on``, today by default); safe to call twice. When it was a child under
    13's consent to an account and no other one is left, their sign-in is turned off at once."""
    consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        return consent
    consent.withdrawn_on = on or timezone.localdate()
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    log.info(
        "consent.withdrawn consent_id=%s student_id=%s by_user_id=%s", consent.pk, consent.student_id, withdrawn_by.pk
    )
    student = consent.student
    if consent.scope == ConsentRecord.Scope.ACCOUNT and student.is_under_13() and not has_account_consent(student):
        student_sign_in_turn_off(student=student, by=withdrawn_by, reason="consent_withdrawn")
    return consent
