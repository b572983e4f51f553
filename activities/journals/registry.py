"""What peer journals add to core pages (registered from ``ActivitiesConfig.ready()``): the coordinator's dashboard
panel "Journals asking for a staff check-in"."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="activities/journals/panels/worries.html",
            permission="read_peer_journals",
            context=selectors.worries_panel,
            order=6,
        )
    )
