from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Shared activities: inclusive classes, events, community experiences, attendance and facilitation logs."""

    name = "activities"
    verbose_name = _("Shared activities")
