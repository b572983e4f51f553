"""Demo applications, nominations and guardian consents for the demo campaigns (``recruitment.campaigns.demo`` makes
the campaigns first), telling the same story as the programs demo.

Each demo school's campaign has ten applicants of its own, in every state a coordinator meets: waiting for review
(with and without the parent's consent), accepted, waitlisted, declined and withdrawn. Some are on the roster already
(Sofia, the demo peer, applied this fall), some are not (accepting them adds them to the roster). Decisions go through
``recruitment.campaigns.services`` as the coordinator's clicks do, so an accepted applicant is on the roster and takes
part in the program, and only with their parent's consent.

Idempotent: rows are found by campaign and name and updated; a decision already taken is not taken again.
"""

import datetime

from django.utils import timezone

from schools.models import BellSchedule, Membership, Role, Student, User

from ..campaigns import services as decisions
from ..models import GuardianConsent, Nomination, PeerApplication, RecruitmentCampaign
from .demo_data import APPLICANTS, HOMEROOM_TEACHERS, NOMINATIONS, Answer, Applicant, Status
from .services import consent_valid_until


def seed() -> str:
    campaigns = list(
        RecruitmentCampaign.objects.filter(program__school__slug__in=APPLICANTS).select_related("program__school")
    )
    if not campaigns:
        return ""
    for campaign in campaigns:
        _campaign(campaign)
    return (
        f"{PeerApplication.objects.count()} applications, {Nomination.objects.count()} nominations, "
        f"{GuardianConsent.objects.count()} guardian consents"
    )


def _campaign(campaign) -> None:
    school = campaign.program.school
    coordinator = (
        Membership.objects.filter(school=school, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    ).user
    nominations = _nominations(campaign)
    schedule = BellSchedule.objects.filter(school=school).order_by("-term__start_date").first()
    periods = list(schedule.periods.order_by("order")) if schedule else []
    free_periods = [p for p in periods if p.kind in ("lunch", "recess")]
    now = timezone.now()
    for number, applicant in enumerate(APPLICANTS[school.slug]):
        application, _created = PeerApplication.objects.update_or_create(
            campaign=campaign,
            dedupe_key=PeerApplication.make_dedupe_key(applicant.first, applicant.last, applicant.grade),
            defaults={
                "first_name": applicant.first,
                "last_name": applicant.last,
                "grade": applicant.grade,
                "homeroom_teacher": HOMEROOM_TEACHERS[school.slug][applicant.grade],
                "email": "",  # children: the school writes to their parents
                "interests": [str(value) for value in applicant.interests],
                "interests_other": applicant.interests_other,
                "why_join": applicant.why_join,
                "prior_experience": applicant.prior_experience,
                "heard_via": applicant.heard_via,
                "guardian_name": applicant.guardian[0],
                "guardian_email": _guardian_email(applicant),
                "nomination": nominations.get((applicant.first, applicant.last)),
                "submitted_at": now - datetime.timedelta(days=13 - number),
                **_scores(applicant.decision, number),
            },
        )
        application.available_periods.set(free_periods + periods[1 + number % max(len(periods) - 1, 1):][:1])
        if campaign.requires_guardian_consent:
            _consent(application, applicant, campaign)
        _decide(application, applicant.decision, coordinator)


def _guardian_email(applicant: Applicant) -> str:
    first = applicant.guardian[0].split()[0].lower()
    return f"{first}.{applicant.last.lower().replace(' ', '').replace(chr(39), '')}@family.example.org"


def _scores(decision, number: int) -> dict:
    """The reviewer's 0–3 on the guide's qualities: none yet while waiting, varied once decided."""
    base = {Status.ACCEPTED: 3, Status.WAITLISTED: 2, Status.DECLINED: 1}.get(decision)
    return {
        name: None if base is None else max(0, base - (index + number) % 2)
        for index, (name, _label) in enumerate(PeerApplication.QUALITIES)
    }


def _consent(application, applicant: Applicant, campaign) -> None:
    answer = applicant.answer
    answered = answer != Answer.PENDING
    now = timezone.now()
    GuardianConsent.objects.update_or_create(
        application=application,
        defaults={
            "guardian_name": application.guardian_name,
            "guardian_email": application.guardian_email,
            "status": answer,
            "sent_at": now - datetime.timedelta(days=5),
            "link_expires_at": now + datetime.timedelta(days=9),
            "typed_name": application.guardian_name if answer == Answer.CONSENTED else "",
            "responded_at": now - datetime.timedelta(days=3) if answered else None,
            "responded_ip": "192.0.2.10" if answered else None,
            "valid_until": consent_valid_until(campaign) if answer == Answer.CONSENTED else None,
        },
    )


def _decide(application, decision, coordinator) -> None:
    """The coordinator's decision, through the same services as the review page (accepting puts the peer on the
    roster and into the program). A peer who withdrew told the coordinator, who marked it."""
    if application.status == decision or decision == Status.SUBMITTED:
        return
    if decision == Status.WITHDRAWN:
        PeerApplication.objects.filter(pk=application.pk).update(status=Status.WITHDRAWN)
        return
    decide = {
        Status.ACCEPTED: decisions.application_accept,
        Status.WAITLISTED: decisions.application_waitlist,
        Status.DECLINED: decisions.application_decline,
    }[decision]
    decide(application=application, decided_by=coordinator)


def _nominations(campaign) -> dict[tuple[str, str], Nomination]:
    school = campaign.program.school
    made = {}
    for username, first, last, grade, reasons in NOMINATIONS[school.slug]:
        student = Student.objects.filter(
            school=school, kind=Student.Kind.PEER, first_name=first, last_name=last, grade=grade
        ).first()
        email = "" if student else f"{first.lower()}.{last.lower()}@student.example.org"
        nomination, _created = Nomination.objects.update_or_create(
            campaign=campaign,
            reasons=reasons,
            defaults={
                "nominated_by": User.objects.get(username=username),
                "student": student,
                "first_name": "" if student else first,
                "last_name": "" if student else last,
                "grade": grade,
                "invitation_email": email,
                "invited_at": timezone.now() - datetime.timedelta(days=10) if email else None,
            },
        )
        made[(first, last)] = nomination
    return made
