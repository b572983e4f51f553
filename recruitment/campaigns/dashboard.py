"""The campaigns' dashboard panel, registered with ``schools.dashboard`` from ``RecruitmentConfig.ready()``."""

from schools.dashboard import DashboardPanel, register_panel

from . import selectors

PANEL_ROWS = 5


def campaigns_panel(access) -> dict:
    """Campaigns taking applications at the active school, with applications against the target (one query)."""
    campaigns = selectors.campaign_list(access=access).filter(accepting_applications=True)
    return {"campaigns": list(campaigns[:PANEL_ROWS])}


def register() -> None:
    register_panel(
        DashboardPanel(
            template="recruitment/campaigns/panels/campaigns.html", permission="view_recruitment",
            context=campaigns_panel, order=40,
        )
    )
