"""Read side of roster import and export: every function takes the request's ``access`` and is already scoped."""

from django.db.models import Prefetch

from ..models import Guardian, Student
from .models import RosterImport


def roster_import_list(*, access):
    """The active school's imports, newest first, with who uploaded each (one query per page)."""
    return RosterImport.objects.visible_to(access).select_related("uploaded_by", "confirmed_by")


def roster_export_students(*, access):
    """Enrolled students of the active school with their guardians (primary contact first): two queries."""
    guardians = Guardian.objects.visible_to(access).order_by("-is_primary", "name", "pk")
    return (
        Student.objects.visible_to(access)
        .active()
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(Prefetch("guardians", queryset=guardians, to_attr="export_guardians"))
    )
