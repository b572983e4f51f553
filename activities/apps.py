from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Shared activities: inclusive classes, lunch groups, events, clubs, unified sports, service-learning projects
    and special-education classroom periods; their calendar, attendance, check-ins, minutes and service hours."""

    name = "activities"
    verbose_name = _("Shared activities")

    def ready(self):
        from schools.calendar.registry import register_non_school_days_follower

        from . import permissions, records
        from .attendance import registry as attendance_registry
        from .facilitation import registry as facilitation_registry
        from .journals import registry as journal_registry
        from .observation import registry as observation_registry
        from .reminders import services as reminder_services
        from .service import dashboard as service_dashboard

        permissions.register()
        # Everything held about a student includes their activities, hours, logs, observations and journals;
        # anonymising a student erases their words here too.
        records.register()
        attendance_registry.register()
        facilitation_registry.register()
        observation_registry.register()
        service_dashboard.register()
        journal_registry.register()
        # A non-school day added after activities were scheduled cancels the occurrences on it (the core cannot
        # import this app: it calls what is registered).
        register_non_school_days_follower(reminder_services.occurrences_cancel_on_non_school_days)
