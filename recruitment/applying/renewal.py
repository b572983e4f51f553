"""Renewing a guardian's online consent before the next program year.

Consent lasts until the end of the school year (``GuardianConsent.valid_until``). From
``GUARDIAN_CONSENT_RENEWAL_DAYS`` days before that day, the daily task emails the guardian of every peer still taking
part a new signed link; a "yes" moves ``valid_until`` to the end of the next school year. The window and the claim
are shared with the renewal of consent records the school entered by hand (``schools.privacy.renewals``).
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.models import Student, Term
from schools.privacy.renewals import claim_due, window_last_day
from schools.services import email_queue

from ..models import GuardianConsent, PeerApplication
from . import tokens


def renewal_link(consent: GuardianConsent, *, site_url: str) -> str:
    return tokens.signed_link(
        consent.renewal_token, salt=tokens.RENEWAL_SALT, url_name="recruitment:consent_renew", site_url=site_url
    )


def next_school_year_end(school, *, after: datetime.date) -> datetime.date:
    """The last day of the school's next school year (``Term.objects.next_school_year``); when the school has not
    entered it yet, the same day a year later."""
    year = Term.objects.next_school_year(school, after=after)
    if year is not None:
        return year.end_date
    try:
        return after.replace(year=after.year + 1)
    except ValueError:  # 29 February
        return after.replace(year=after.year + 1, day=28)


def renewal_candidates(*, today: datetime.date):
    """Consents that run out within the renewal window (or already have) and were not yet asked to renew, of peers
    still taking part: enrolled, not former, in a program now."""
    return (
        GuardianConsent.objects.filter(
            status=GuardianConsent.Status.CONSENTED,
            renewal_requested_at=None,
            valid_until__lte=window_last_day(today),
            application__status=PeerApplication.Status.ACCEPTED,
            application__student__is_active=True,
            application__student__anonymised_at=None,
            application__student_id__in=program_selectors.students_taking_part(),
        )
        .exclude(application__student__participation=Student.Participation.FORMER)
        .exclude(guardian_email="")
        .select_related("application__campaign__program__school", "application__student")
        .distinct()
        .order_by("valid_until", "pk")
    )


def consent_renewals_send(*, site_url: str | None = None, now: datetime.datetime | None = None) -> int:
    """Email each guardian, once, a renewal link for a consent that ends within the window at the peer's school (or
    has already ended).

    Each consent is claimed (``schools.privacy.renewals.claim_due``, which also sets its one-use renewal token) before
    its email is queued, so a retried task or a second worker sends nothing twice. The emails leave after the claims
    commit. Returns the number of emails queued.
    """
    now = now or timezone.now()
    site_url = site_url or settings.SITE_URL
    sent = 0
    with transaction.atomic():
        for consent in claim_due(
            renewal_candidates(today=now.date()),
            now=now,
            school=lambda c: c.application.campaign.program.school,
            ends_on=lambda c: c.valid_until,
            ended_too=True,
            fields=lambda c: {"renewal_token": uuid.uuid4(), "renewal_answered_at": None, "renewal_agreed": None},
        ):
            context = {
                "consent": consent,
                "child_first_name": consent.application.first_name,
                "program": consent.application.campaign.program,
                "ends_on": consent.valid_until,
                "link": renewal_link(consent, site_url=site_url),
                "days": tokens.renewal_link_age().days,
            }
            email_queue(
                template="recruitment/applying/emails/consent_renewal", context=context, to=consent.guardian_email,
                school=context["program"].school,
            )
            sent += 1
    return sent


def consent_from_renewal_link(signed: str) -> GuardianConsent:
    """The consent a renewal link opens; raises tokens.LinkExpired / tokens.LinkInvalid (also for an unknown or
    replaced token, and for a consent a coordinator's merge moved off the application with its guardian email)."""
    token = tokens.unsign(signed, salt=tokens.RENEWAL_SALT, max_age=tokens.renewal_link_age())
    consent = (
        GuardianConsent.objects.select_related("application__campaign__program__school")
        .filter(renewal_token=token)
        .exclude(application__status__in=PeerApplication.RESOLVED_DUPLICATE)
        .first()
    )
    if consent is None:
        raise tokens.LinkInvalid
    return consent


def consent_renew_respond(*, consent: GuardianConsent, agree: bool, typed_name: str, ip: str | None) -> bool:
    """Record the guardian's answer to the renewal once (conditional UPDATE on an unanswered renewal; a replayed
    link returns False). A "yes" extends the consent to the end of the next school year and records the new
    signature, and lets next year's renewal request be sent; a "no" leaves the consent to run out on its day."""
    changes = {"renewal_answered_at": timezone.now(), "renewal_agreed": agree}
    if agree:
        school = consent.application.campaign.program.school
        changes.update(
            valid_until=next_school_year_end(school, after=consent.valid_until or school_today(school)),
            # Renewed for a year: next year's request starts afresh (the answer and its time stay recorded).
            renewal_requested_at=None,
            typed_name=typed_name.strip()[:200],
            responded_at=changes["renewal_answered_at"],
            responded_ip=ip,
        )
    with transaction.atomic():
        claimed = (
            GuardianConsent.objects.filter(pk=consent.pk, renewal_token=consent.renewal_token)
            .filter(renewal_answered_at=None)
            .update(**changes)
        )
    return bool(claimed)
