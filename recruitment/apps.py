from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    """Inviting peers: campaigns, applications, nominations, guardian consent, selection, matching, brochures."""

    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from . import permissions, records, student_sections
        from .applying import dashboard as applying_dashboard
        from .applying import retention
        from .campaigns import dashboard as campaign_dashboard
        from .matching import partners

        permissions.register()
        applying_dashboard.register()
        campaign_dashboard.register()
        partners.register()
        records.register()
        retention.register()
        student_sections.register()
