"""The dashboard's warning that emails or jobs failed (registered from ``SchoolsConfig.ready()``)."""

from ..dashboard import DashboardPanel, register_panel
from . import selectors


def failed_panel(access) -> dict:
    return {"failed_count": selectors.failed_items(school=access.school).count()}


def register() -> None:
    register_panel(
        DashboardPanel(
            template="schools/outbox/panels/failed.html", permission="retry_outbox", context=failed_panel, order=5
        )
    )
