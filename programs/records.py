"""The programs app's section of the student record bundle (registered from ``ProgramsConfig.ready()``)."""

from django.utils.translation import gettext_lazy as _

from schools.privacy.bundle import RecordSection, register_section

from .models import ProgramParticipant


def register() -> None:
    register_section(
        RecordSection(
            "program_participations",
            _("Programs taken part in"),
            lambda student: ProgramParticipant.objects.filter(student=student).select_related("program"),
            order=20,
        )
    )
