"""What shared activities hold about a student: its sections of the student record bundle ("everything held about a
student") and the anonymiser that erases the student's words when the student is anonymised. Registered from
``ActivitiesConfig.ready()``.

Erasing keeps the program's counts (places, attendance and minutes, hours, support levels, interval results) and
removes free text written by or about the child: journal entries and replies, notes on facilitation logs and
observations, the description of service hours and their verifier's name and email."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.privacy.bundle import RecordSection, register_section
from schools.privacy.retention import register_anonymiser

from .models import (
    Attendance,
    CheckIn,
    FacilitationLog,
    JournalEntry,
    JournalReply,
    Observation,
    Participant,
    ServiceHours,
    SupportChange,
)


def anonymise_activities(student) -> None:
    JournalReply.objects.filter(entry__peer=student).update(text="")
    JournalEntry.objects.filter(peer=student).update(text="", prompt_text="", follow_up_note="")
    FacilitationLog.objects.filter(student=student).update(note="")
    Observation.objects.filter(student=student).update(note="")
    SupportChange.objects.filter(student=student).update(what="")
    ServiceHours.objects.filter(student=student).update(
        description="", verifier_name="", verifier_email="", verifier_note=""
    )


def register() -> None:
    for section in (
        RecordSection(
            "activity_places",
            _("Shared activities taken part in"),
            lambda s: Participant.objects.filter(student=s).select_related("activity"),
            order=50,
        ),
        RecordSection(
            "activity_attendance",
            _("Attendance at shared activities"),
            lambda s: Attendance.objects.filter(student=s).select_related("occurrence"),
            order=51,
        ),
        RecordSection(
            "activity_check_ins",
            _("Check-ins at shared activities"),
            lambda s: CheckIn.objects.filter(student=s).select_related("occurrence"),
            order=52,
        ),
        RecordSection(
            "service_hours",
            _("Service hours"),
            lambda s: ServiceHours.objects.filter(student=s).select_related("program", "term"),
            order=53,
        ),
        RecordSection(
            "facilitation_logs",
            _("Facilitation logs"),
            lambda s: FacilitationLog.objects.filter(student=s).select_related("occurrence"),
            order=54,
        ),
        RecordSection(
            "support_changes",
            _("Changes in support"),
            lambda s: SupportChange.objects.filter(student=s),
            order=55,
        ),
        RecordSection(
            "observations",
            _("Observations"),
            lambda s: Observation.objects.filter(Q(student=s)).select_related("occurrence"),
            order=56,
        ),
        RecordSection(
            "journal_entries",
            _("Peer journal entries"),
            lambda s: JournalEntry.objects.filter(peer=s).select_related("program"),
            order=57,
        ),
    ):
        register_section(section)
    register_anonymiser(anonymise_activities)
