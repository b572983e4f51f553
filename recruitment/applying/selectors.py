"""Read side of applying. Public pages are keyed by a campaign and show program-level data only (never a student's);
staff pages go through ``visible_to(access)`` like everywhere else."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.models import ConsentRecord, Period, Student
from schools.selectors import current_bell_schedule

from ..models import GuardianConsent, Nomination, PeerApplication, RecruitmentCampaign


def open_campaigns():
    """Campaigns taking applications today, grouped by school in the template (school, then program name)."""
    today = timezone.localdate()
    return (
        RecruitmentCampaign.objects.filter(accepting_applications=True)
        .filter(Q(opens_on=None) | Q(opens_on__lte=today), Q(closes_on=None) | Q(closes_on__gte=today))
        .select_related("program__school__district", "term")
        .order_by("program__school__name", "program__name", "pk")
    )


def open_campaign_districts(campaigns) -> list:
    """The districts of the schools behind ``campaigns`` (open campaigns: public names only), by name."""
    return sorted({campaign.program.school.district for campaign in campaigns}, key=lambda district: district.name)


def public_campaign(pk: int) -> RecruitmentCampaign:
    """The campaign behind a public link, open or not (the view says "closed"); 404 when there is none."""
    campaign = RecruitmentCampaign.objects.select_related("program__school", "term__parent").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def availability_periods(campaign):
    """The periods of the school's current bell schedule (lunch and recess included): the same selector the staff
    pages use."""
    schedule = current_bell_schedule(school=campaign.program.school)
    if schedule is None:
        return Period.objects.none()
    return Period.objects.filter(schedule=schedule).order_by("order")


def nomination_campaigns(*, access):
    return RecruitmentCampaign.objects.visible_to(access).select_related("program", "term")


def nominee_options(*, access):
    return Student.objects.visible_to(access).peers().active().order_by("last_name", "first_name")


def nomination_list(*, access):
    applied = PeerApplication.objects.filter(nomination=OuterRef("pk"))
    return (
        Nomination.objects.visible_to(access)
        .select_related("campaign__program", "campaign__term", "nominated_by", "student")
        .annotate(has_applied=Exists(applied))
        .order_by("-created_at", "-pk")
    )


def nomination_detail(*, access, pk: int) -> Nomination:
    nomination = nomination_list(access=access).filter(pk=pk).first()
    if nomination is None:
        raise Http404
    return nomination


# --- Which peers may join new activities: the consent rule -------------------------------------------------------


def _consent_required():
    """Accepted applications of the student to a campaign that asks for a guardian's consent."""
    return PeerApplication.objects.filter(
        student=OuterRef("pk"), status=PeerApplication.Status.ACCEPTED, campaign__requires_guardian_consent=True
    )


def _online_consent_valid(on):
    return GuardianConsent.objects.filter(application__student=OuterRef("pk")).in_force(on)


def _recorded_consent_valid(on):
    return ConsentRecord.objects.filter(student=OuterRef("pk"), scope=ConsentRecord.Scope.PARTICIPATION).valid(on)


def with_consent_state(students, *, on: datetime.date):
    """Annotates ``needs_consent`` and ``has_valid_consent`` (two EXISTS per row, no extra query).

    THE consent rule, the one place that decides whether a peer may be placed into something new (a proposal, a
    confirmed match, later a shared activity). ``on`` is a day at the students' school (``school_today``). Accepting
    an application asks the same rule of the application's own consent (``application_consent_state``):

    - a student needs a guardian's consent when they were accepted through a campaign whose "guardian consent
      required" box is ticked; a peer added by hand or by a roster import, or accepted through a campaign that does
      not ask, needs none;
    - the consent is valid on day ``on`` when a guardian consented online and it has not run out
      (``GuardianConsent.objects.in_force(on)``: ``valid_until``, the end of the school year, or renewed to the next
      one), or when the school recorded a participation consent by hand (``ConsentRecord``, scope "participation")
      that is in force on that day (``ConsentRecord.objects.valid(on)``). An application not yet accepted has no
      roster record, so accepting it counts its own online consent only.
    """
    return students.annotate(
        needs_consent=Exists(_consent_required()),
        has_valid_consent=ExpressionWrapper(
            Q(Exists(_online_consent_valid(on))) | Q(Exists(_recorded_consent_valid(on))), output_field=BooleanField()
        ),
    )


class ConsentState(StrEnum):
    """Where an application stands with the consent rule (``recruitment.campaigns.services.consent_problem`` words
    it for the reviewer)."""

    NOT_NEEDED = "not_needed"
    NOT_ASKED = "not_asked"
    PENDING = "pending"
    DECLINED = "declined"
    ENDED = "ended"
    VALID = "valid"


def application_consent_state(application, *, on: datetime.date | None = None) -> ConsentState:
    """The consent rule for one application (``on``: today at the program's school by default): needed when its
    campaign asks for a guardian's consent, valid when its consent is in force by the same definition
    ``with_consent_state`` annotates (``GuardianConsent.objects.in_force``). One query, read afresh."""
    campaign = application.campaign
    if not campaign.requires_guardian_consent:
        return ConsentState.NOT_NEEDED
    on = on or school_today(campaign.program.school)
    row = (
        GuardianConsent.objects.filter(application=application)
        .annotate(counts=Exists(GuardianConsent.objects.filter(pk=OuterRef("pk")).in_force(on)))
        .values_list("status", "counts")
        .first()
    )
    if row is None:
        return ConsentState.NOT_ASKED
    status, counts = row
    if counts:
        return ConsentState.VALID
    return {
        GuardianConsent.Status.PENDING: ConsentState.PENDING,
        GuardianConsent.Status.DECLINED: ConsentState.DECLINED,
    }.get(status, ConsentState.ENDED)


def peers_with_valid_consent(students, *, on: datetime.date):
    """The students of ``students`` who may join new activities on ``on`` (see ``with_consent_state``)."""
    return with_consent_state(students, on=on).filter(Q(needs_consent=False) | Q(has_valid_consent=True))


def peers_without_valid_consent(students, *, on: datetime.date):
    """The students of ``students`` who may not join new activities on ``on`` until a guardian renews consent."""
    return with_consent_state(students, on=on).filter(needs_consent=True, has_valid_consent=False)


@dataclass(frozen=True)
class ExpiredConsent:
    student: Student
    ended_on: datetime.date | None
    renewal_requested_at: datetime.datetime | None
    renewal_agreed: bool | None


def expired_consents(students, *, on: datetime.date) -> list[ExpiredConsent]:
    """Peers of ``students`` whose consent has run out, with the latest online consent's end and renewal status.

    One query: the latest consent's dates come in as subqueries.
    """
    latest = GuardianConsent.objects.filter(
        application__student=OuterRef("pk"), status=GuardianConsent.Status.CONSENTED
    ).order_by("-valid_until", "-pk")
    rows = (
        peers_without_valid_consent(students, on=on)
        .annotate(
            consent_ended_on=Subquery(latest.values("valid_until")[:1]),
            consent_renewal_requested_at=Subquery(latest.values("renewal_requested_at")[:1]),
            consent_renewal_agreed=Subquery(latest.values("renewal_agreed")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )
    return [
        ExpiredConsent(
            student=row,
            ended_on=row.consent_ended_on,
            renewal_requested_at=row.consent_renewal_requested_at,
            renewal_agreed=row.consent_renewal_agreed,
        )
        for row in rows
    ]


def peers_taking_part(*, access):
    """Enrolled peers of the active school who take part in a program now (the ones new activities would place)."""
    return (
        Student.objects.visible_to(access)
        .peers()
        .active()
        .filter(anonymised_at=None, pk__in=program_selectors.students_taking_part())
        .exclude(participation=Student.Participation.FORMER)
        .distinct()
    )


def duplicate_queryset(*, access):
    """Applications marked as a possible duplicate of an earlier one, of the active school only (another school's is
    a 404), with what the merge page compares."""
    return (
        PeerApplication.objects.visible_to(access)
        .exclude(possible_duplicate_of=None)
        .select_related(
            "campaign__program__school", "campaign__term", "consent", "possible_duplicate_of__consent",
            "possible_duplicate_of__campaign",
        )
        .prefetch_related("available_periods", "possible_duplicate_of__available_periods")
    )


def staff_application(*, access, pk):
    """One application of the active school for a staff page; another school's is a 404."""
    application = (
        PeerApplication.objects.visible_to(access)
        .select_related("campaign__program__school", "campaign__term", "consent")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application
