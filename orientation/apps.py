from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    """Preparing peers: orientation sessions and the guide's orientation topics."""

    name = "orientation"
    verbose_name = _("Orientation")
