"""Dashboard panels of the service area, registered with ``schools.dashboard`` from the app's ready(): a student's
"Your service hours" and the coordinator's "Service hours to approve"."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="activities/service/panels/own_hours.html",
            permission="claim_service_hours",
            context=selectors.own_hours_panel,
            order=7,
        )
    )
    register_panel(
        DashboardPanel(
            template="activities/service/panels/to_approve.html",
            permission="approve_service_hours",
            context=selectors.approval_panel,
            order=40,
        )
    )
