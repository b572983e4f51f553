def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/readiness/_panel.html``)."""
    return {}
