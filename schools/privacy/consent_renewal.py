"""Renewal requests for consent records the school entered by hand (paper, in person, by phone).

Online consents given through a peer's application are renewed by ``recruitment.applying.renewal`` with a new signed
link. A hand-entered record has no online answer to reuse, so its guardians (``schools.Guardian`` with an email)
are asked to renew it with the school before the next program year. The window and the claim are shared
(``renewals.py``).
"""

import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from ..models import Guardian, Student
from ..services import email_queue
from .models import ConsentRecord
from .renewals import claim_due, window_last_day

log = logging.getLogger("peerpartners.security")


def consent_record_renewals_send(*, now: datetime.datetime | None = None) -> int:
    """Email the guardians of each consent record that ends within ``GUARDIAN_CONSENT_RENEWAL_DAYS``, once.

    Only students still taking part (enrolled, not former, not anonymised) and records still in force count. Each
    record is claimed (``renewals.claim_due``) before its emails are queued (after the commit), so a retried task
    sends nothing twice. Returns the number of emails queued.
    """
    now = now or timezone.now()
    records = list(
        ConsentRecord.objects.valid(now.date() - datetime.timedelta(days=1))
        .filter(
            renewal_requested_at=None,
            expires_on__lte=window_last_day(now.date()),
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
        # A record without a guardian's email stays unclaimed: an email entered later still gets its request.
        with_email = [record for record in records if emails[record.student_id]]
        for record in claim_due(
            with_email, now=now, school=lambda r: r.school, ends_on=lambda r: r.expires_on, ended_too=False
        ):
            context = {"record": record, "child_first_name": record.student.first_name, "school": record.school}
            for to in sorted(set(emails[record.student_id])):
                email_queue(
                    template="schools/privacy/emails/consent_renewal", context=context, to=to, school=record.school
                )
                sent += 1
            log.info("consent.renewal_requested consent_record_id=%s student_id=%s", record.pk, record.student_id)
    return sent
