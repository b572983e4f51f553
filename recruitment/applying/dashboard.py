"""The coordinator's "consent has expired" panel, registered with ``schools.dashboard`` from
``RecruitmentConfig.ready()``."""

from schools.dashboard import DashboardPanel, register_panel
from schools.dates import school_today

from . import selectors


def expired_consent_panel(access) -> dict:
    """Peers taking part whose guardian's consent has run out, with the renewal status (one query)."""
    if access.school is None:
        return {"expired": []}
    peers = selectors.peers_taking_part(access=access)
    return {"expired": selectors.expired_consents(peers, on=school_today(access.school))}


def register() -> None:
    register_panel(
        DashboardPanel(
            template="recruitment/applying/panels/expired_consent.html",
            permission="manage_recruitment",
            context=expired_consent_panel,
            order=15,
        )
    )
