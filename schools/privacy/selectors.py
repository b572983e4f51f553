"""Read side of the privacy records: every function takes the request's ``access`` and is already scoped."""

from django.db.models import Case, IntegerField, Value, When

from ..models import Student
from .models import Disclosure, InspectionRequest

# --- Disclosures and records requests ---


def disclosure_list(*, access, student=None):
    disclosures = Disclosure.objects.visible_to(access).select_related("student", "disclosed_by")
    return disclosures if student is None else disclosures.filter(student=student)


def record_students(*, access):
    """The students a disclosure or records request may be about: everyone on the school's roster, former too."""
    return Student.objects.visible_to(access).order_by("last_name", "first_name", "pk")


def inspection_request_list(*, access):
    """Open requests first (earliest due first, so overdue ones lead), then closed ones, newest first."""
    return (
        InspectionRequest.objects.visible_to(access)
        .select_related("student")
        .annotate(
            closed=Case(
                When(status=InspectionRequest.Status.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("closed", "due_on", "-received_on", "pk")
    )


def open_inspection_requests(*, access):
    return InspectionRequest.objects.visible_to(access).open().select_related("student").order_by("due_on", "pk")


def guardian_disclosures(*, guardian):
    """What was disclosed about the guardian's own child (the public link's page: this child, nothing else)."""
    return Disclosure.objects.filter(student_id=guardian.student_id).order_by("-disclosed_at", "-pk")
