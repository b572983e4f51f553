from schools.permissions import has_permission

from .navigation import NAVIGATION


def navigation(request):
    """``access`` and the main navigation items this person may open, for every template."""
    access = getattr(request, "access", None)
    if access is None or not access.is_authenticated:
        return {"access": access, "nav_items": ()}
    items = tuple((label, name) for label, name, permission in NAVIGATION if has_permission(access, permission))
    return {"access": access, "nav_items": items}
