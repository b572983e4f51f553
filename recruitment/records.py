"""The recruitment app's sections of the student record bundle (registered from ``RecruitmentConfig.ready()``):
matches the student is in, and the applications, nominations and guardian consents that became their record."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.privacy.bundle import RecordSection, register_section

from .models import GuardianConsent, Match, Nomination, PeerApplication


def _matches(student):
    return Match.objects.filter(Q(focus_student=student) | Q(peer=student)).select_related(
        "program", "term", "focus_student", "peer"
    )


def _periods(application) -> dict:
    return {"available_periods": (_("when usually free"), [str(p) for p in application.available_periods.all()])}


def _resolved_duplicate_of(student, prefix: str = "") -> Q:
    return Q(**{f"{prefix}possible_duplicate_of__student": student,
                f"{prefix}status__in": PeerApplication.RESOLVED_DUPLICATE})


def register() -> None:
    for section in (
        RecordSection("matches", _("Peer partner matches"), _matches, order=21),
        RecordSection(
            "applications",
            _("Applications to join"),
            lambda s: (
                # With its merged or discarded duplicates: a merged one holds the answers the merge did not keep.
                PeerApplication.objects.filter(Q(student=s) | _resolved_duplicate_of(s))
                .select_related("campaign")
                .prefetch_related("available_periods")
            ),
            order=22,
            more_values=_periods,
        ),
        RecordSection(
            "nominations",
            _("Nominations"),
            lambda s: Nomination.objects.filter(student=s).select_related("nominated_by"),
            order=23,
        ),
        RecordSection(
            "guardian_consents",
            _("Guardian consents given online"),
            lambda s: GuardianConsent.objects.filter(
                Q(application__student=s) | _resolved_duplicate_of(s, prefix="application__")
            ),
            order=41,
        ),
    ):
        register_section(section)
