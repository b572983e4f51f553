from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluating outcomes (the guide's "Evaluating Outcomes" and Figure 2): reflection and other surveys in survey
    windows (with the accessible student version), goal attainment scaling, social contacts and friendships, and the
    monthly health of each pair."""

    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from . import permissions, records
        from .friendships import registry as friendship_registry
        from .goals import registry as goal_registry
        from .pairs import registry as pair_registry
        from .responding import registry as responding_registry
        from .surveys import registry as survey_registry

        permissions.register()
        # Everything held about a student includes their answers, goals, nominations and check-ins; anonymising a
        # student erases their words here too.
        records.register()
        survey_registry.register()
        responding_registry.register()
        goal_registry.register()
        friendship_registry.register()
        pair_registry.register()
