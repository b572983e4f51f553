"""Write side of applying: applications (a resubmission is a new row marked as a possible duplicate), guardian consent,
teacher nominations. Coordinators resolve duplicates in ``duplicates.py``.

Every workflow validates with ``full_clean()`` and writes in one transaction; emails are outbox rows of that same
transaction (``email_queue``), so nothing is sent for a write that rolled back and nothing is lost when Redis is down.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schools.models import Term
from schools.services import email_queue

from ..models import GuardianConsent, Nomination, PeerApplication, RecruitmentCampaign
from . import tokens

# The fields an applicant fills in (the review and the decision are the coordinator's).
APPLICANT_FIELDS = (
    "first_name",
    "last_name",
    "grade",
    "homeroom_teacher",
    "email",
    "interests",
    "interests_other",
    "why_join",
    "prior_experience",
    "heard_via",
    "guardian_name",
    "guardian_email",
)


@dataclass(frozen=True)
class Submission:
    application: PeerApplication
    # True only when a consent request was queued to the guardian in this submission.
    guardian_emailed: bool


def _queue_email(*, template: str, context: dict, to: str) -> None:
    email_queue(
        template=f"recruitment/applying/emails/{template}", context=context, to=to, school=context["program"].school
    )


def consent_link(consent: GuardianConsent, *, site_url: str) -> str:
    return tokens.signed_link(
        consent.token, salt=tokens.CONSENT_SALT, url_name="recruitment:consent", site_url=site_url
    )


def invitation_link(nomination: Nomination, *, site_url: str) -> str:
    signed = tokens.sign(nomination.invitation_token, salt=tokens.INVITATION_SALT)
    path = reverse("recruitment:apply", kwargs={"pk": nomination.campaign_id})
    return f"{site_url.rstrip('/')}{path}?invite={signed}"


def application_submit(*, campaign, data: dict, periods, nomination=None, site_url: str) -> Submission:
    """Save a new application for an open campaign.

    A public form never changes or reveals an existing row: a second application of the same person (same names and
    grade) is a new row marked ``possible_duplicate_of`` the earliest one still open, which a coordinator merges or
    discards (``duplicates.py``). The applicant sees and is emailed the same words either way. When the campaign
    needs a guardian's consent, this application gets its own pending consent for the guardian email typed here, and
    the guardian is emailed a signed link. All or nothing: one transaction.
    """
    key = PeerApplication.make_dedupe_key(data["first_name"], data["last_name"], data["grade"])
    with transaction.atomic():
        # The campaign's row lock: the same form sent twice in one second is saved one after the other, so the
        # second sees the first and is marked its possible duplicate (never two unmarked rows of one child).
        RecruitmentCampaign.objects.select_for_update().filter(pk=campaign.pk).first()
        earlier = (
            PeerApplication.objects.filter(campaign=campaign, dedupe_key=key)
            .exclude(status__in=PeerApplication.RESOLVED_DUPLICATE)
            .order_by("submitted_at", "pk")
            .first()
        )
        application = PeerApplication(campaign=campaign, possible_duplicate_of=earlier)
        for name in APPLICANT_FIELDS:
            setattr(application, name, data[name])
        if nomination is not None and nomination.campaign_id == campaign.pk:
            application.nomination = nomination
        application.full_clean()
        application.save()
        application.available_periods.set(periods)

        consent = None
        if campaign.requires_guardian_consent and application.guardian_email:
            consent = consent_request(application=application, site_url=site_url)

        context = {"application": application, "campaign": campaign, "program": campaign.program,
                   "consent": consent}
        if application.email:
            _queue_email(template="confirmation", context=context, to=application.email)
    return Submission(application=application, guardian_emailed=consent is not None)


def consent_request(*, application, site_url: str) -> GuardianConsent:
    """A new pending consent for the application's guardian email, and the email with its signed link.

    Called for a new application, and by a coordinator's merge that gives an application a guardian email no consent
    was given for. The caller holds the transaction; the email leaves after it commits.
    """
    now = timezone.now()
    consent = GuardianConsent(
        application=application,
        guardian_name=application.guardian_name,
        guardian_email=application.guardian_email,
        sent_at=now,
        link_expires_at=now + tokens.consent_link_age(),
    )
    consent.full_clean()
    consent.save()
    _queue_email(
        template="guardian_consent",
        context={
            "consent": consent,
            "application": application,
            "program": application.campaign.program,
            "link": consent_link(consent, site_url=site_url),
            "days": tokens.consent_link_age().days,
        },
        to=consent.guardian_email,
    )
    return consent


def application_guardian_change(
    *, application, guardian_name: str, guardian_email: str, changed_by, site_url: str
) -> tuple[PeerApplication, bool]:
    """A staff member corrects or replaces an application's parent or guardian; returns ``(application, asked)``,
    ``asked`` when a new consent request was emailed.

    Consent follows the email it was given for. The same address (in any case) with another name keeps the consent.
    A new address ends the consent of the old one, whatever its answer: that consent is written into the
    application's history (who answered, how, when) and removed, so its links stop working; when the campaign needs
    consent, a new request goes to the new address. Never for a merged or discarded duplicate (nothing counts there).
    """
    guardian_name, guardian_email = guardian_name.strip(), guardian_email.strip()
    with transaction.atomic():
        application = (
            PeerApplication.objects.select_related("campaign__program__school")
            .select_for_update(of=("self",))
            .get(pk=application.pk)
        )
        if application.status in PeerApplication.RESOLVED_DUPLICATE:
            raise ValidationError(_("This application was merged or discarded; change the other one."))
        campaign = application.campaign
        if campaign.requires_guardian_consent and not guardian_email:
            raise ValidationError({"guardian_email": _("This program needs a parent or guardian's email.")})
        consent = GuardianConsent.objects.select_for_update().filter(application=application).first()
        words = {
            "who": getattr(changed_by, "display_name", "") or str(changed_by),
            "when": timezone.localdate().isoformat(),
            "old": f"{application.guardian_name} <{application.guardian_email}>",
            "new": f"{guardian_name} <{guardian_email}>",
        }
        same_address = guardian_email.lower() == application.guardian_email.lower()
        application.guardian_name, application.guardian_email = guardian_name, guardian_email
        asked = False
        if same_address:
            application.add_history(_("%(who)s corrected the parent or guardian's name on %(when)s: %(old)s is now "
                                      "%(new)s.") % words)
            if consent is not None and consent.status == GuardianConsent.Status.PENDING:
                consent.guardian_name = guardian_name
                consent.full_clean()
                consent.save()
        else:
            application.add_history(_("%(who)s replaced the parent or guardian %(old)s with %(new)s on %(when)s.")
                                    % words)
            if consent is not None:
                application.add_history(_(
                    "The consent for the old address no longer counts: %(status)s, answered %(answered)s, signed "
                    "“%(typed)s”, valid until %(until)s."
                ) % {
                    "status": consent.get_status_display(),
                    "answered": consent.responded_at.date().isoformat() if consent.responded_at else "—",
                    "typed": consent.typed_name or "—",
                    "until": consent.valid_until.isoformat() if consent.valid_until else "—",
                })
                consent.delete()
        application.full_clean()
        application.save()
        if not same_address and campaign.requires_guardian_consent:
            consent_request(application=application, site_url=site_url)
            asked = True
    return application, asked


def consent_from_link(signed: str) -> GuardianConsent:
    """The consent a link opens; raises tokens.LinkExpired / tokens.LinkInvalid (also for an unknown token, and for
    the consent of a duplicate a coordinator merged away or discarded: that email no longer belongs to an
    application)."""
    token = tokens.unsign(signed, salt=tokens.CONSENT_SALT, max_age=tokens.consent_link_age())
    consent = (
        GuardianConsent.objects.select_related("application__campaign__program__school", "application__campaign__term")
        .filter(token=token)
        .exclude(application__status__in=PeerApplication.RESOLVED_DUPLICATE)
        .first()
    )
    if consent is None:
        raise tokens.LinkInvalid
    return consent


def consent_valid_until(campaign) -> datetime.date:
    """Consent lasts until the end of the school year of the campaign's term (``Term.objects.school_year_of``); when
    the school has not entered that school year, until the end of the term itself."""
    year = Term.objects.school_year_of(campaign.term)
    return (year or campaign.term).end_date


def consent_respond(*, consent: GuardianConsent, agree: bool, typed_name: str, ip: str | None) -> bool:
    """Record the guardian's answer once. Returns False when the consent was already answered (a replayed link):
    the conditional UPDATE only matches a pending row, so two submissions never both count."""
    status = GuardianConsent.Status.CONSENTED if agree else GuardianConsent.Status.DECLINED
    with transaction.atomic():
        claimed = GuardianConsent.objects.filter(pk=consent.pk, status=GuardianConsent.Status.PENDING).update(
            status=status,
            typed_name=typed_name.strip()[:200],
            responded_at=timezone.now(),
            responded_ip=ip,
            valid_until=consent_valid_until(consent.application.campaign) if agree else None,
        )
    return bool(claimed)


def nomination_from_link(signed: str, *, campaign) -> Nomination | None:
    """The nomination behind an invitation link for this campaign; None for a bad, expired or foreign link (the
    form then simply starts empty)."""
    try:
        token = tokens.unsign(signed, salt=tokens.INVITATION_SALT, max_age=tokens.invitation_link_age())
    except (tokens.LinkExpired, tokens.LinkInvalid):
        return None
    return Nomination.objects.select_related("student").filter(invitation_token=token, campaign=campaign).first()


def nomination_create(*, campaign, nominated_by, data: dict, site_url: str) -> Nomination:
    """Save a teacher's nomination; when an email is given, queue the personal invitation with its signed link."""
    student = data.get("student")
    with transaction.atomic():
        nomination = Nomination(
            campaign=campaign,
            nominated_by=nominated_by,
            student=student,
            first_name="" if student else data.get("first_name", ""),
            last_name="" if student else data.get("last_name", ""),
            grade=student.grade if student else data.get("grade"),
            reasons=data["reasons"],
            invitation_email=data.get("invitation_email", ""),
        )
        nomination.full_clean()
        nomination.save()
        if nomination.invitation_email:
            nomination_invite(nomination=nomination, site_url=site_url)
    return nomination


def nomination_invite(*, nomination: Nomination, site_url: str) -> Nomination:
    """Email the nominee their personal invitation (again, when asked to resend)."""
    with transaction.atomic():
        nomination.invited_at = timezone.now()
        nomination.save(update_fields=["invited_at"])
        _queue_email(
            template="invitation",
            context={
                "nomination": nomination,
                "first_name": nomination.student.first_name if nomination.student_id else nomination.first_name,
                "program": nomination.campaign.program,
                "teacher": nomination.nominated_by,
                "link": invitation_link(nomination, site_url=site_url),
            },
            to=nomination.invitation_email,
        )
    return nomination
