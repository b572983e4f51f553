"""Dashboard panels: each app registers what it adds to a person's landing page (in its AppConfig.ready()).

The core app never imports a domain app; domain apps register here, keeping the import direction one way.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .permissions import has_permission


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    permission: str
    # Builds the panel's context from the request's access; runs a fixed number of queries.
    context: Callable[..., dict]
    order: int = 100


_PANELS: list[DashboardPanel] = []


def register_panel(panel: DashboardPanel) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def panels_for(access) -> list[dict]:
    return [
        {"template": panel.template, **panel.context(access)}
        for panel in sorted(_PANELS, key=lambda p: p.order)
        if has_permission(access, panel.permission)
    ]
