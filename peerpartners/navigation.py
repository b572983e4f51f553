"""The main navigation, in order: (label, URL name, named permission). Each app adds its pages here."""

from django.utils.translation import gettext_lazy as _

NAVIGATION = (
    (_("Dashboard"), "dashboard", "view_dashboard"),
    (_("District"), "district_overview", "view_district"),
    (_("Students"), "student_list", "view_roster"),
    (_("Staff"), "staff_list", "view_staff"),
    (_("Bell schedules"), "bell_schedules", "view_roster"),
    (_("Access log"), "access_log", "view_access_log"),
    (_("Programs"), "programs:list", "view_programs"),
)
