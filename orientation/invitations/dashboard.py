"""The peer's "Your orientation" dashboard panel, registered with ``schools.dashboard`` from the app's ready()."""

from schools.dashboard import DashboardPanel, register_panel

from .selectors import own_orientation_panel


def register() -> None:
    register_panel(
        DashboardPanel(
            template="orientation/invitations/panels/own_orientation.html",
            permission="view_own_orientations",
            context=own_orientation_panel,
            order=6,
        )
    )
