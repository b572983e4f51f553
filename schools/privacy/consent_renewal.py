"""Renewal requests for consent records the school entered by hand (paper, in person, by phone).

Online consents given through a peer's application are renewed by ``recruitment.applying.renewal`` with a new signed
link. A hand-entered record has no online answer to reuse, so its guardians (``schools.Guardian`` with an email)
are asked to renew it with the school before the next program year.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..dates import school_today
from ..models import Guardian, Student
from ..services import email_queue
from .models import ConsentRecord

log = logging.getLogger("peerpartners.security")


def consent_record_renewals_send(*, now: datetime.datetime | None = None) -> int:
    """Email the guardians of each consent record that ends within ``GUARDIAN_CONSENT_RENEWAL_DAYS``, once.

    Only students still taking part (enrolled, not former, not anonymised) and records still in force count. Each
    record is claimed with a conditional ``UPDATE … WHERE renewal_requested_at IS NULL`` before its emails are queued
    (after the commit), so a retried task sends nothing twice. Returns the number of emails queued.
    """
    now = now or timezone.now()
    days = settings.GUARDIAN_CONSENT_RENEWAL_DAYS
    records = list(
        ConsentRecord.objects.valid(now.date() - datetime.timedelta(days=1))
        .filter(
            renewal_requested_at=None,
            expires_on__lte=now.date() + datetime.timedelta(days=days + 1),
            student__is_active=True,
            student__anonymised_at=None,
        )
        .exclude(student__participation=Student.Participation.FORMER)
        .select_related("school", "student")
        .order_by("expires_on", "pk")
    )
    emails: dict[int, list[str]] = defaultdict(list)
    for student_id, email in (
        Guardian.objects.filter(student_id__in={r.student_id for r in records})
        .exclude(email="")
        .values_list("student_id", "email")
    ):
        emails[student_id].append(email)
    sent = 0
    with transaction.atomic():
        for record in records:
            today = school_today(record.school, now=now)
            if not today <= record.expires_on <= today + datetime.timedelta(days=days):
                continue
            if not emails[record.student_id]:
                continue
            claimed = ConsentRecord.objects.filter(pk=record.pk, renewal_requested_at=None).update(
                renewal_requested_at=now
            )
            if not claimed:
                continue
            context = {"record": record, "child_first_name": record.student.first_name, "school": record.school}
            for to in sorted(set(emails[record.student_id])):
                email_queue(template="schools/privacy/emails/consent_renewal", context=context, to=to)
                sent += 1
            log.info("consent.renewal_requested consent_record_id=%s student_id=%s", record.pk, record.student_id)
    return sent
