def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/followups/_panel.html``)."""
    return {}
