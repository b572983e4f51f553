"""Write side of campaigns and the review: keyword-only, validated with ``full_clean()``, one transaction each.

Decisions record who decided and when, and email the applicant (when they gave an address) after the commit.
Accepting a peer puts them on the school's roster and in the program.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import services as program_services
from programs.selectors import program_grades_text, program_has_grade
from schools.models import Membership, Student
from schools.services import email_queue, roster_peer_link

from ..applying.selectors import ConsentState, application_consent_state
from ..models import QUALITIES, CampaignChannel, Interest, PeerApplication, RecruitmentCampaign

Status = PeerApplication.Status
MAX_SCORE = 3
# Which decision may follow which status; a decision once made is changed only by promoting a waitlisted peer.
ALLOWED_FROM = {
    Status.ACCEPTED: {Status.SUBMITTED, Status.WAITLISTED},
    Status.WAITLISTED: {Status.SUBMITTED},
    Status.DECLINED: {Status.SUBMITTED, Status.WAITLISTED},
}
CAMPAIGN_FIELDS = (
    "term", "target_peers", "accepting_applications", "opens_on", "closes_on", "requires_guardian_consent",
    "what_peers_do", "time_commitment", "how_to_join",
)


def _is_staff_of(user, school) -> bool:
    return user is not None and Membership.objects.filter(
        user=user, school=school, is_active=True, user__is_active=True
    ).exists()


# --- Campaigns -------------------------------------------------------------------------------------------------


def _save_campaign(campaign: RecruitmentCampaign, fields: dict) -> RecruitmentCampaign:
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_create(*, program, **fields) -> RecruitmentCampaign:
    """A campaign for one program and one term of its school (one per program and term)."""
    return _save_campaign(RecruitmentCampaign(program=program), fields)


@transaction.atomic
def campaign_update(*, campaign: RecruitmentCampaign, **fields) -> RecruitmentCampaign:
    campaign = RecruitmentCampaign.objects.select_for_update().get(pk=campaign.pk)
    return _save_campaign(campaign, fields)


def _save_channel(channel: CampaignChannel) -> CampaignChannel:
    if channel.owner_id and not _is_staff_of(channel.owner, channel.campaign.program.school):
        raise ValidationError({"owner": _("Choose a staff member of your school from the list.")})
    channel.full_clean()
    channel.save()
    return channel


@transaction.atomic
def channel_add(*, campaign, channel: str, owner=None, planned_on=None, done_on=None, notes="") -> CampaignChannel:
    """One way of spreading the word on the campaign's checklist; its owner is a staff member of the school."""
    return _save_channel(
        CampaignChannel(campaign=campaign, channel=channel, owner=owner, planned_on=planned_on, done_on=done_on,
                        notes=notes)
    )


@transaction.atomic
def channel_update(*, campaign_channel: CampaignChannel, **fields) -> CampaignChannel:
    channel = CampaignChannel.objects.select_related("campaign__program__school").select_for_update(of=("self",)).get(
        pk=campaign_channel.pk
    )
    for name in ("channel", "owner", "planned_on", "done_on", "notes"):
        if name in fields:
            setattr(channel, name, fields[name])
    return _save_channel(channel)


# --- Review ----------------------------------------------------------------------------------------------------


def _lock(application: PeerApplication) -> PeerApplication:
    return (
        PeerApplication.objects.select_related("campaign__program__school")
        .select_for_update(of=("self",))
        .get(pk=application.pk)
    )


@transaction.atomic
def application_score(*, application, scores: dict, review_notes: str = "", interview_at=None) -> PeerApplication:
    """Scores 0–3 on the guide's qualities (``None``: not scored yet), notes and an optional interview slot."""
    application = _lock(application)
    names = {name for name, _label in QUALITIES}
    if set(scores) - names:
        raise ValidationError(_("Score only the qualities on the form."))
    errors = {}
    for name, value in scores.items():
        if value is not None and not (isinstance(value, int) and 0 <= value <= MAX_SCORE):
            errors[name] = _("Give a score from 0 to 3.")
        setattr(application, name, value)
    if errors:
        raise ValidationError(errors)
    application.review_notes = review_notes
    application.interview_at = interview_at
    application.full_clean()
    application.save()
    return application


def consent_problem(application: PeerApplication) -> str | None:
    """Why the application may not be accepted yet for want of guardian consent, or ``None``: the consent rule's
    state (``recruitment.applying.selectors.application_consent_state``, today at the program's school) in the
    reviewer's words."""
    state = application_consent_state(application)
    if state in (ConsentState.NOT_NEEDED, ConsentState.VALID):
        return None
    consent = getattr(application, "consent", None)
    if state == ConsentState.NOT_ASKED or consent is None:
        return _("This program needs a parent or guardian's consent, and none has been asked for yet.")
    if state == ConsentState.PENDING:
        return _("This program needs a parent or guardian's consent. %(name)s has not answered yet.") % {
            "name": consent.guardian_name
        }
    if state == ConsentState.DECLINED:
        return _("%(name)s did not give consent, so this peer cannot be accepted.") % {"name": consent.guardian_name}
    return _("The guardian's consent ended on %(date)s. Ask for consent again before accepting.") % {
        "date": consent.valid_until.isoformat()
    }


def grade_problem(application: PeerApplication) -> str | None:
    """Why accepting this peer needs a stated reason (their grade is not one of the program's), or ``None``."""
    program = application.campaign.program
    if program_has_grade(program, application.grade):
        return None
    return _(
        "%(name)s is in %(grade)s, and %(program)s is for %(grades)s. To accept them anyway, say why."
    ) % {
        "name": application.first_name, "grade": application.get_grade_display(), "program": program.name,
        "grades": program_grades_text(program),
    }


def _interests_text(application: PeerApplication) -> str:
    labels = [str(Interest(value).label) for value in application.interests or [] if value in Interest.values]
    if application.interests_other:
        labels.append(application.interests_other)
    return ", ".join(labels)


def _roster_peer(application: PeerApplication) -> Student:
    """The accepted peer's roster record (``schools.services.roster_peer_link``): the linked one, else a peer of the
    school with the same name and grade, else a new one, with the application's interests, prior experience,
    homeroom and free periods filling what the roster does not know yet. The teacher's name stays on the
    application."""
    school = application.campaign.program.school
    return roster_peer_link(
        school=school,
        student=application.student,
        first_name=application.first_name,
        last_name=application.last_name,
        grade=application.grade,
        interests=_interests_text(application),
        prior_experience=application.prior_experience,
        homeroom_teacher=application.homeroom_teacher,
        free_periods=application.available_periods.filter(schedule__school=school),
    )


def _email_applicant(application: PeerApplication) -> None:
    if not application.email:
        return
    context = {"application": application, "program": application.campaign.program,
               "school": application.campaign.program.school}
    email_queue(
        template=f"recruitment/campaigns/emails/decision_{application.status}", context=context, to=application.email,
        school=context["school"],
    )


def _who(user) -> str:
    return (getattr(user, "display_name", "") or str(user)) if user is not None else _("Someone else")


def _decide(
    application: PeerApplication, status: str, decided_by, promoting: bool = False, grade_reason: str = ""
) -> PeerApplication:
    # Two coordinators deciding at once: the second waits for the first one's row locks, then reads its decision.
    # The campaign's row first (the order every decision takes them in): two applications of one child accepted at
    # once would otherwise both find no roster record yet, and put the child on the roster twice.
    RecruitmentCampaign.objects.select_for_update().filter(pk=application.campaign_id).first()
    application = _lock(application)
    allowed = {Status.WAITLISTED} if promoting else ALLOWED_FROM[status]
    if application.status == status and application.decided_at is not None:
        raise ValidationError(
            _("%(who)s has already made this decision: %(name)s's application is “%(status)s”.")
            % {"who": _who(application.decided_by), "name": application, "status": application.get_status_display()}
        )
    if application.status not in allowed:
        if promoting:
            raise ValidationError(_("Only a waitlisted peer can be promoted."))
        raise ValidationError(
            _("%(name)s's application is “%(status)s”; it cannot be changed that way.")
            % {"name": application, "status": application.get_status_display()}
        )
    if status == Status.ACCEPTED:
        if application.possible_duplicate_of_id is not None:
            # Accepting both rows of one child would put them on the roster twice.
            raise ValidationError(
                _("This may be the same child as an earlier application. Merge it, discard it, or mark it as "
                  "another child before accepting.")
            )
        problem = consent_problem(application)
        if problem:
            raise ValidationError(problem)
        if grade_problem(application):
            if not grade_reason.strip():
                raise ValidationError({"grade_reason": grade_problem(application)})
            application.grade_exception_reason = grade_reason.strip()
        application.student = _roster_peer(application)
        if (
            PeerApplication.objects.filter(campaign_id=application.campaign_id, student=application.student,
                                           status=Status.ACCEPTED)
            .exclude(pk=application.pk)
            .exists()
        ):
            # Backed by the constraint "application_peer_accepted_once_per_campaign".
            raise ValidationError(
                _("%(name)s is already accepted in this campaign through another application. The roster has one "
                  "peer with this name and grade, so accepting this one too would count them twice.")
                % {"name": application.student.full_name}
            )
        # Already taking part: left as is; left before: a new period starts today (the earlier one is kept).
        program_services.participant_join(program=application.campaign.program, student=application.student)
    application.status = status
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.full_clean()
    application.save()
    _email_applicant(application)
    return application


@transaction.atomic
def application_accept(*, application, decided_by, grade_reason: str = "") -> PeerApplication:
    """Accept a peer: needs valid guardian consent when the campaign asks for it, and a stated reason
    (``grade_reason``, stored) when their grade is not one of the program's; puts the peer on the roster (with
    interests, prior experience and availability) and in the program; emails them after the commit."""
    return _decide(application, Status.ACCEPTED, decided_by, grade_reason=grade_reason)


@transaction.atomic
def application_waitlist(*, application, decided_by) -> PeerApplication:
    return _decide(application, Status.WAITLISTED, decided_by)


@transaction.atomic
def application_decline(*, application, decided_by) -> PeerApplication:
    return _decide(application, Status.DECLINED, decided_by)


@transaction.atomic
def application_promote(*, application, decided_by, grade_reason: str = "") -> PeerApplication:
    """A waitlisted peer is accepted after all (same rules and effects as accepting)."""
    return _decide(application, Status.ACCEPTED, decided_by, promoting=True, grade_reason=grade_reason)
