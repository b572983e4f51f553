from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    """Programs, planning teams, planning meetings and rosters (the programs issue)."""

    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from . import dashboard, permissions, records, student_sections
        from .playbook import dashboard as playbook_dashboard

        permissions.register()
        dashboard.register()
        playbook_dashboard.register()
        records.register()
        student_sections.register()
