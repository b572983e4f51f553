"""The coordinator's dashboard panel of the year playbook, registered from ``ProgramsConfig.ready()``."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors


def register() -> None:
    register_panel(
        DashboardPanel(
            template="programs/panels/playbook.html", permission="manage_program", context=selectors.playbook_panel,
            order=25,
        )
    )
