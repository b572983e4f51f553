"""Renewing a guardian's online consent before the next program year.

Consent lasts until the end of the school year (``GuardianConsent.valid_until``). From
``GUARDIAN_CONSENT_RENEWAL_DAYS`` days before that day, the daily task emails the guardian of every peer still taking
part a new signed link; a "yes" moves ``valid_until`` to the end of the next school year.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from schools.dates import school_today
from schools.models import Student, Term
from schools.services import email_queue

from ..models import GuardianConsent, PeerApplication
from . import tokens


def renewal_link(consent: GuardianConsent, *, site_url: str) -> str:
    signed = tokens.sign(consent.renewal_token, salt=tokens.RENEWAL_SALT)
    return site_url.rstrip("/") + reverse("recruitment:consent_renew", kwargs={"signed": signed})


def next_school_year_end(school, *, after: datetime.date) -> datetime.date:
    """The last day of the school's next school year (the first one starting after ``after``); when the school has
    not entered it yet, the same day a year later."""
    term = (
        Term.objects.filter(school=school, kind=Term.Kind.SCHOOL_YEAR, start_date__gt=after)
        .order_by("start_date")
        .first()
    )
    if term is not None:
        return term.end_date
    try:
        return after.replace(year=after.year + 1)
    except ValueError:  # 29 February
        return after.replace(year=after.year + 1, day=28)


def renewal_candidates(*, today: datetime.date):
    """Consents that run out within the renewal window (or already have) and were not yet asked to renew, of peers
    still taking part: enrolled, not former, in a program now."""
    last_day = today + datetime.timedelta(days=settings.GUARDIAN_CONSENT_RENEWAL_DAYS + 1)
    return (
        GuardianConsent.objects.filter(
            status=GuardianConsent.Status.CONSENTED,
            renewal_requested_at=None,
            valid_until__lte=last_day,
            application__status=PeerApplication.Status.ACCEPTED,
            application__student__is_active=True,
            application__student__anonymised_at=None,
            application__student__program_participations__status="active",
        )
        .exclude(application__student__participation=Student.Participation.FORMER)
        .exclude(guardian_email="")
        .select_related("application__campaign__program__school", "application__student")
        .distinct()
        .order_by("valid_until", "pk")
    )


def consent_renewals_send(*, site_url: str | None = None, now: datetime.datetime | None = None) -> int:
    """Email each guardian, once, a renewal link for a consent that ends within the window at the peer's school.

    Each consent is claimed with a conditional ``UPDATE … WHERE renewal_requested_at IS NULL`` (which also sets its
    one-use renewal token) before its email is queued, so a retried task or a second worker sends nothing twice. The
    emails leave after the claims commit. Returns the number of emails queued.
    """
    now = now or timezone.now()
    site_url = site_url or settings.SITE_URL
    sent = 0
    with transaction.atomic():
        for consent in renewal_candidates(today=now.date()):
            program = consent.application.campaign.program
            today = school_today(program.school, now=now)
            if consent.valid_until > today + datetime.timedelta(days=settings.GUARDIAN_CONSENT_RENEWAL_DAYS):
                continue
            token = uuid.uuid4()
            claimed = GuardianConsent.objects.filter(pk=consent.pk, renewal_requested_at=None).update(
                renewal_requested_at=now, renewal_token=token, renewal_answered_at=None, renewal_agreed=None
            )
            if not claimed:
                continue
            consent.renewal_token = token
            context = {
                "consent": consent,
                "child_first_name": consent.application.first_name,
                "program": program,
                "ends_on": consent.valid_until,
                "link": renewal_link(consent, site_url=site_url),
                "days": tokens.renewal_link_age().days,
            }
            email_queue(
                template="recruitment/applying/emails/consent_renewal", context=context, to=consent.guardian_email
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
