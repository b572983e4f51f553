from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Districts, schools and people")

    def ready(self):
        # Forged ids past any integer column match no row instead of failing in the database (see the module).
        from . import lookups, permissions

        lookups.register()
        # The core's permissions first; each domain app adds its own from its ready() (see permissions.py).
        permissions.register_permissions("schools", permissions.SCHOOL_PERMISSIONS)
        # Connects the security event log's signal receivers (sign-in, sign-out, lockout, role changes).
        # And the sign-in records that let signing out and switching an account off end its sessions.
        from .accounts import security, sessions  # noqa: F401
        from .outbox import dashboard as outbox_dashboard
        from .privacy import dashboard as privacy_dashboard
        from .privacy import sections as record_sections

        outbox_dashboard.register()
        privacy_dashboard.register()
        record_sections.register()
        # The parts /healthz/ready reports: the database, Redis and the worker; other apps add theirs.
        from . import readiness

        readiness.register()
