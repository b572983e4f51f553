"""Read side of campaigns and the review queue: every function takes the request's ``access`` and is scoped.

List selectors run a fixed number of queries however many rows they return (counts come from subqueries).
"""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from schools.models import PeerPreference, Student
from schools.permissions import can_view_sensitive

from ..models import QUALITIES, CampaignChannel, Channel, PeerApplication, RecruitmentCampaign

# A withdrawn application or a resolved duplicate (merged or discarded) is not one more applicant.
COUNTED = ~Q(status__in=[PeerApplication.Status.WITHDRAWN, *PeerApplication.RESOLVED_DUPLICATE])


def _count(queryset):
    counted = queryset.order_by().values("campaign").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def campaign_queryset(*, access):
    """Campaigns a view may open: the active school's only, so another school's campaign is a 404."""
    return RecruitmentCampaign.objects.visible_to(access).select_related("program__school", "term")


def campaign_list(*, access, program=None):
    """The school's campaigns (optionally one program's) with applications, accepted peers and channels done."""
    campaigns = campaign_queryset(access=access)
    if program is not None:
        campaigns = campaigns.filter(program=program)
    applications = PeerApplication.objects.filter(COUNTED, campaign=OuterRef("pk"))
    channels = CampaignChannel.objects.filter(campaign=OuterRef("pk"))
    return campaigns.annotate(
        application_count=_count(applications),
        accepted_count=_count(applications.filter(status=PeerApplication.Status.ACCEPTED)),
        channel_count=_count(channels),
        channels_done=_count(channels.exclude(done_on=None)),
    )


def channels(*, access, campaign):
    return CampaignChannel.objects.visible_to(access).filter(campaign=campaign).select_related("owner")


def counts_by_channel(*, campaign) -> list[dict]:
    """Applications so far by "how did you hear about us?", every channel listed (one aggregate query)."""
    counted = dict(
        PeerApplication.objects.filter(COUNTED, campaign=campaign)
        .order_by()
        .values_list("heard_via")
        .annotate(n=Count("pk"))
    )
    return [{"channel": value, "label": label, "count": counted.get(value, 0)} for value, label in Channel.choices]


def status_counts(*, campaign) -> dict[str, int]:
    return dict(
        PeerApplication.objects.filter(campaign=campaign).order_by().values_list("status").annotate(n=Count("pk"))
    )


def total_score_expression():
    """The sum of the quality scores, unscored qualities counting 0 (NULL when nothing is scored yet)."""
    names = [name for name, _label in QUALITIES]
    total = Coalesce(F(names[0]), Value(0))
    for name in names[1:]:
        total = total + Coalesce(F(name), Value(0))
    any_scored = Q()
    for name in names:
        any_scored |= Q(**{f"{name}__isnull": False})
    return Case(When(any_scored, then=total), default=None, output_field=IntegerField())


def review_queue(*, access, campaign):
    """A campaign's applications with their total score (filtered and sorted by ``filters.ApplicationFilter``)."""
    return (
        PeerApplication.objects.visible_to(access)
        .filter(campaign=campaign)
        .select_related("consent")
        .annotate(score=total_score_expression())
    )


def application_queryset(*, access):
    return PeerApplication.objects.visible_to(access).select_related(
        "campaign__program__school", "campaign__term", "consent", "decided_by", "student", "possible_duplicate_of"
    )


def later_duplicates(*, access, application):
    """Later applications marked as possibly the same child as this one, whatever became of them (merged ones keep
    the answers a merge did not take)."""
    return (
        PeerApplication.objects.visible_to(access)
        .filter(possible_duplicate_of=application)
        .order_by("submitted_at", "pk")
    )


def focus_student_preferences(*, access, application) -> dict:
    """The program's focus students' own preferences that name this applicant, for the reviewer.

    Confidential: only the preferences of students whose record the person may see (``can_view_sensitive``) are
    returned; ``hidden`` says how many others exist, so the reviewer knows to ask the coordinator. The caller logs
    every student returned with ``record_access``.
    """
    program = application.campaign.program
    focus = program_selectors.active_participants(program=program, kind=Student.Kind.FOCUS)
    names_applicant = Q(
        peer__first_name__iexact=application.first_name.strip(), peer__last_name__iexact=application.last_name.strip()
    )
    if application.student_id:
        names_applicant |= Q(peer=application.student_id)
    preferences = list(
        PeerPreference.objects.visible_to(access)
        .filter(names_applicant, student__in=focus)
        .select_related("student", "peer")
    )
    by_student: dict[int, list] = {}
    students = {}
    for preference in preferences:
        by_student.setdefault(preference.student_id, []).append(preference)
        students[preference.student_id] = preference.student
    allowed = [student for student in students.values() if can_view_sensitive(access, student)]
    return {
        "students": [(student, by_student[student.pk]) for student in allowed],
        "hidden": len(students) - len(allowed),
    }


def student_applications(*, access, student) -> list[PeerApplication]:
    """The applications that became this student's roster record (a peer's), newest first: one query."""
    return list(application_queryset(access=access).filter(student=student).order_by("-submitted_at"))

def program_status_warning(*, program, open_for_applications: bool) -> str | None:
    """What the coordinator should know before recruiting for a program that is not approved or active yet.

    A campaign may be prepared while the program is planned (the guide has the team finish recruitment materials
    and district approvals side by side), so this warns rather than refuses; students would otherwise be invited
    to a program that may never start. ``None`` for an approved or active program.
    """
    if program.is_running:
        return None
    if open_for_applications:
        return _(
            "%(program)s is still “%(status)s”, and students can already apply on the public page. Students expect "
            "a program that is ready for them: close applications until the program is approved, or change its "
            "status on the program's page."
        ) % {"program": program.name, "status": program.get_status_display()}
    return _(
        "%(program)s is still “%(status)s”. You can prepare the campaign; open it for applications once the "
        "program is approved."
    ) % {"program": program.name, "status": program.get_status_display()}
