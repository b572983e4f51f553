from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    """Preparing peers: orientation sessions and the guide's orientation topics, attendance and readiness, handouts
    and the resource library."""

    name = "orientation"
    verbose_name = _("Orientation")

    def ready(self):
        from . import permissions
        from .invitations import dashboard as invitation_dashboard
        from .readiness import registry as readiness

        permissions.register()
        invitation_dashboard.register()
        readiness.register()
