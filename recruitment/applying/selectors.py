"""Read side of applying. Public pages are keyed by a campaign and show program-level data only (never a student's);
staff pages go through ``visible_to(access)`` like everywhere else."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from schools.models import GRADE_CHOICES, Period, Student
from schools.scoping import Access
from schools.selectors import current_bell_schedule

from ..models import Nomination, PeerApplication, RecruitmentCampaign


def open_campaigns():
    """Campaigns taking applications today, grouped by school in the template (school, then program name)."""
    today = timezone.localdate()
    return (
        RecruitmentCampaign.objects.filter(accepting_applications=True)
        .filter(Q(opens_on=None) | Q(opens_on__lte=today), Q(closes_on=None) | Q(closes_on__gte=today))
        .select_related("program__school", "term")
        .order_by("program__school__name", "program__name", "pk")
    )


def public_campaign(pk: int) -> RecruitmentCampaign:
    """The campaign behind a public link, open or not (the view says "closed"); 404 when there is none."""
    campaign = RecruitmentCampaign.objects.select_related("program__school", "term__parent").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def school_grade_choices(school) -> list[tuple[int, str]]:
    return [(value, label) for value, label in GRADE_CHOICES if school.lowest_grade <= value <= school.highest_grade]


def availability_periods(campaign):
    """The periods of the school's current bell schedule (lunch and recess included), as an anonymous visitor of
    that school sees them: the same scoped selector the staff pages use."""
    schedule = current_bell_schedule(access=Access(user=None, school=campaign.program.school))
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
