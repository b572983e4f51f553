"""Write-side workflows of the privacy records: consent, disclosures, records requests, exports."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..accounts.student_accounts import has_account_consent, student_sign_in_turn_off
from ..dates import school_today
from ..models import AccessLogEntry
from ..services import email_queue, record_access
from . import guardian_links
from .bundle import student_record_bundle
from .models import INSPECTION_DAYS, ConsentRecord, Disclosure, InspectionRequest

log = logging.getLogger("peerpartners.security")

# --- Disclosures, records requests and the record bundle (FERPA 34 CFR 99.32, 99.10) ---


def disclosure_record(
    *,
    student,
    recipient: str,
    purpose: str,
    what: str,
    disclosed_by=None,
    inspection_request=None,
    disclosed_at: datetime.datetime | None = None,
) -> Disclosure:
    """Record that information about ``student`` was given outside the school. The one write path for disclosures.

    Validates before saving; the row can never be changed or deleted afterwards (append-only).
    """
    disclosure = Disclosure(
        school_id=student.school_id,
        student=student,
        recipient=recipient.strip(),
        purpose=purpose.strip(),
        what=what.strip(),
        disclosed_by=disclosed_by,
        inspection_request=inspection_request,
        disclosed_at=disclosed_at or timezone.now(),
    )
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@transaction.atomic
def inspection_request_create(
    *,
    access,
    student,
    requested_by: str,
    relationship: str = "",
    contact: str = "",
    received_on: datetime.date,
    notes: str = "",
) -> InspectionRequest:
    """File a request to inspect a student's records; due 45 days after it was received. A future date is refused."""
    if received_on > school_today(student.school):
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    inspection_request = InspectionRequest(
        school_id=student.school_id,
        student=student,
        requested_by=requested_by.strip(),
        relationship=relationship.strip(),
        contact=contact.strip(),
        received_on=received_on,
        due_on=received_on + datetime.timedelta(days=INSPECTION_DAYS),
        notes=notes,
        recorded_by=access.user,
    )
    inspection_request.full_clean()
    inspection_request.save()
    return inspection_request


@transaction.atomic
def inspection_request_close(*, inspection_request, status: str) -> bool:
    """Mark an open request fulfilled or withdrawn; False when it was closed already (a second click changes
    nothing)."""
    if status not in (InspectionRequest.Status.FULFILLED, InspectionRequest.Status.WITHDRAWN):
        raise ValidationError(_("Choose whether the records were provided or the request was withdrawn."))
    today = school_today(inspection_request.school)
    fulfilled_on = today if status == InspectionRequest.Status.FULFILLED else None
    # Conditional update: only an open request changes, so two clicks or two people never close it twice.
    changed = InspectionRequest.objects.filter(pk=inspection_request.pk, status=InspectionRequest.Status.OPEN).update(
        status=status, fulfilled_on=fulfilled_on
    )
    if changed:
        inspection_request.status, inspection_request.fulfilled_on = status, fulfilled_on
    return bool(changed)


@transaction.atomic
def records_request_bundle(*, access, request, inspection_request) -> bytes:
    """Everything held about the request's student, for the requester.

    The download is recorded as a disclosure to the requester and as an export in the access log, both before the
    bundle is built, so the bundle lists its own disclosure; if building fails, neither row stays.
    """
    student = inspection_request.student
    disclosure_record(
        student=student,
        recipient=inspection_request.requested_by,
        purpose=_("Records request (right to inspect education records)"),
        what=_("Everything held about the student: a PDF, a JSON file and CSV files"),
        disclosed_by=access.user,
        inspection_request=inspection_request,
    )
    record_access(
        user=access.user,
        school=student.school,
        request=request,
        student=student,
        action=AccessLogEntry.Action.EXPORT,
        what=f"records bundle for records request {inspection_request.pk}",
    )
    return student_record_bundle(student)


@transaction.atomic
def student_export(*, access, request, student, recipient: str = "", purpose: str = "") -> bytes:
    """Everything held about one student, exported by staff: always in the access log; a disclosure when it is given
    to someone outside the school (``recipient`` given)."""
    if recipient:
        disclosure_record(
            student=student,
            recipient=recipient,
            purpose=purpose,
            what=_("Everything held about the student: a PDF, a JSON file and CSV files"),
            disclosed_by=access.user,
        )
    record_access(
        user=access.user,
        school=student.school,
        request=request,
        student=student,
        action=AccessLogEntry.Action.EXPORT,
        what="records bundle" + (" (given outside the school)" if recipient else ""),
    )
    return student_record_bundle(student)


@transaction.atomic
def guardian_disclosures_link_send(*, access, request, guardian, site_url: str) -> None:
    """Email one guardian a signed, expiring link to the disclosures about their child; the sending is logged."""
    if not guardian.email:
        raise ValidationError(_("This parent or guardian has no email address."))
    student = guardian.student
    context = {
        "guardian": guardian,
        "child": student.short_name,
        "school": student.school.name,
        "link": site_url.rstrip("/") + guardian_links.link_path(guardian),
        "days": guardian_links.LINK_DAYS,
    }
    record_access(
        user=access.user,
        school=student.school,
        request=request,
        student=student,
        action=AccessLogEntry.Action.EXPORT,
        what="disclosures link emailed to a parent or guardian",
    )
    email_queue(
        template="schools/privacy/emails/disclosures_link", context=context, to=guardian.email, school=student.school
    )


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
    consent.withdrawn_on = on or school_today(consent.school)
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    log.info(
        "consent.withdrawn consent_id=%s student_id=%s by_user_id=%s", consent.pk, consent.student_id, withdrawn_by.pk
    )
    student = consent.student
    if consent.scope == ConsentRecord.Scope.ACCOUNT and student.is_under_13() and not has_account_consent(student):
        student_sign_in_turn_off(student=student, by=withdrawn_by, reason="consent_withdrawn")
    return consent
