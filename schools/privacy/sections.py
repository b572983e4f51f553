"""The schools app's sections of the student record bundle (registered from ``SchoolsConfig.ready()``)."""

from django.utils.translation import gettext_lazy as _

from ..models import AccessLogEntry, Student
from .bundle import RecordSection, register_section
from .models import ConsentRecord, Disclosure, InspectionRequest


def _profile(student):
    return Student.objects.filter(pk=student.pk).select_related("school", "user").prefetch_related("support_team")


def _support_team(student) -> dict:
    return {"support_team": (_("support team"), [user.display_name for user in student.support_team.all()])}


def register() -> None:
    for section in (
        RecordSection("profile", _("Profile"), _profile, order=10, more_values=_support_team),
        RecordSection("guardians", _("Parents and guardians"), lambda s: s.guardians.all(), order=11),
        RecordSection("iep_goals", _("IEP goals"), lambda s: s.iep_goals.all(), order=12),
        RecordSection("behavior_notes", _("Behavior notes"), lambda s: s.behavior_notes.all(), order=13),
        RecordSection(
            "peer_preferences", _("Peer preferences"), lambda s: s.peer_preferences.select_related("peer"), order=14
        ),
        RecordSection(
            "availability",
            _("When the student is free"),
            lambda s: s.availability.select_related("period"),
            order=15,
        ),
        RecordSection(
            "classes", _("Classes"), lambda s: s.classes.select_related("term", "period").order_by("title"), order=16
        ),
        RecordSection(
            "consent_records",
            _("Consent records"),
            lambda s: ConsentRecord.objects.filter(student=s).select_related("recorded_by"),
            order=40,
        ),
        RecordSection(
            "disclosures",
            _("Disclosures outside the school"),
            lambda s: Disclosure.objects.filter(student=s).select_related("disclosed_by"),
            order=50,
        ),
        RecordSection(
            "inspection_requests",
            _("Requests to inspect the records"),
            lambda s: InspectionRequest.objects.filter(student=s).select_related("recorded_by"),
            order=51,
        ),
        RecordSection(
            "access_log",
            _("Who looked at or changed the confidential record, and when"),
            lambda s: AccessLogEntry.objects.filter(student=s).select_related("user").order_by("at", "pk"),
            order=60,
            leave_out=("ip_address",),
        ),
    ):
        register_section(section)
