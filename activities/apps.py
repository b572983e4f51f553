from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Shared activities: inclusive classes, lunch groups, events, clubs, unified sports, service-learning projects
    and special-education classroom periods; their calendar, attendance, check-ins, minutes and service hours."""

    name = "activities"
    verbose_name = _("Shared activities")

    def ready(self):
        from . import permissions
        from .service import dashboard as service_dashboard

        permissions.register()
        service_dashboard.register()
