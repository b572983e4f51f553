from schools.permissions import has_permission

from .navigation import NAVIGATION, PUBLIC_LINKS


def navigation(request):
    """``access``, the main navigation items this person may open and the public pages, for every template."""
    access = getattr(request, "access", None)
    if access is None or not access.is_authenticated:
        return {"access": access, "nav_items": (), "public_links": PUBLIC_LINKS}
    items = tuple((label, name) for label, name, permission in NAVIGATION if has_permission(access, permission))
    return {"access": access, "nav_items": items, "public_links": PUBLIC_LINKS}
