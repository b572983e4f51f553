def orientation_panel(*, orientation, access) -> dict:
    """What this area shows on an orientation's page (``templates/orientation/invitations/_panel.html``)."""
    return {}
