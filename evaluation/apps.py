from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluating outcomes: reflections, surveys, dashboards and term reports."""

    name = "evaluation"
    verbose_name = _("Evaluation")
