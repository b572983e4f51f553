"""What peer journals add to core pages (registered from ``ActivitiesConfig.ready()``): the coordinator's dashboard
panel "Journals asking for a staff check-in", and the peer's "My journal" (this week's entry written or not, the
staff's new replies)."""

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
    register_panel(
        DashboardPanel(
            template="activities/journals/panels/my_journal.html",
            permission="write_peer_journal",
            context=selectors.own_journal_panel,
            order=6,
        )
    )
