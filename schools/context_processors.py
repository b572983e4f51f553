from django.utils.translation import gettext_lazy as _

from .permissions import has_permission

# The navigation, in order: (label, URL name, permission). Later issues add their pages here.
NAVIGATION = (
    (_("Dashboard"), "dashboard", "view_dashboard"),
    (_("District"), "district_overview", "view_district"),
    (_("Students"), "student_list", "view_roster"),
    (_("Staff"), "staff_list", "view_staff"),
)


def school_access(request):
    access = getattr(request, "access", None)
    if access is None or not access.is_authenticated:
        return {"access": access, "nav_items": ()}
    items = tuple((label, name) for label, name, permission in NAVIGATION if has_permission(access, permission))
    return {"access": access, "nav_items": items}
