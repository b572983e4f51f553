"""The records requests panel of the coordinator's dashboard (registered from ``SchoolsConfig.ready()``)."""

from ..dashboard import DashboardPanel, register_panel
from ..dates import school_today
from . import selectors

PANEL_ROWS = 5


def records_requests_panel(access) -> dict:
    """Open records requests, earliest due (so overdue) first, with how many are overdue (one query)."""
    today = school_today(access.school)
    requests = list(selectors.open_inspection_requests(access=access))
    for item in requests:
        item.overdue = item.is_overdue(today)
    return {
        "requests": requests[:PANEL_ROWS],
        "more": max(len(requests) - PANEL_ROWS, 0),
        "overdue_count": sum(item.overdue for item in requests),
    }


def register() -> None:
    register_panel(
        DashboardPanel(
            template="schools/privacy/panels/records_requests.html",
            permission="manage_records",
            context=records_requests_panel,
            order=15,
        )
    )
