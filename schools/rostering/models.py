"""One roster upload and what became of it: the stored file, its status, progress and the report shown to people.

Imported by ``schools.models`` (Django discovers an app's models there), so the model belongs to the schools app.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..scoping import SchoolOwnedQuerySet


def upload_path(instance, filename: str) -> str:
    """A random name under MEDIA_ROOT: the stored file never carries a school's or a student's name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"roster-imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class RosterImport(models.Model):
    """An uploaded roster (OneRoster zip or CSV files, or the plain CSV/XLSX template) for one school.

    It moves through: pending → analysing → (needs_org →) ready → queued → applying → done; or failed/cancelled.
    ``report`` holds the preview and the outcome (counts, skipped rows with reasons, row-by-row errors), written
    only by ``schools.rostering.services``.
    """

    class Format(models.TextChoices):
        ONEROSTER = "oneroster", _("OneRoster CSV")
        CSV = "csv", _("Template (CSV)")
        XLSX = "xlsx", _("Template (Excel)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be checked")
        ANALYSING = "analysing", _("Checking the file")
        NEEDS_ORG = "needs_org", _("Choose your school in the file")
        READY = "ready", _("Ready to import")
        QUEUED = "queued", _("Waiting to import")
        APPLYING = "applying", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")
        CANCELLED = "cancelled", _("Cancelled")

    RUNNING = (Status.PENDING, Status.ANALYSING, Status.QUEUED, Status.APPLYING)

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="roster_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    file = models.FileField(_("file"), upload_to=upload_path, max_length=255)
    original_name = models.CharField(_("uploaded file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    # A ``Student.Kind`` value (checked in ``clean``; importing Student here would be circular).
    new_student_kind = models.CharField(_("kind of new students"), max_length=10)
    # The OneRoster org chosen for this import while the school is not linked to one yet.
    org_source_id = models.CharField(_("SIS org id"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    # The claim of the worker checking or applying the import: renewed while it works (its lease), so a claim left
    # unrenewed for ROSTER_IMPORT_LEASE_SECONDS belongs to a worker that died and may be taken over. The token tells
    # the worker holding the claim from one that lost it: only the holder may finish the import.
    claimed_at = models.DateTimeField(_("claim renewed"), null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        app_label = "schools"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def clean(self):
        from ..models import Student  # schools/models.py imports this module at its end, after Student

        if self.new_student_kind not in Student.Kind.values:
            raise ValidationError({"new_student_kind": _("Choose focus student or peer partner.")})

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def is_interrupted(self) -> bool:
        """Being checked or applied, but its worker stopped renewing the claim: it died, and the work will resume."""
        if self.status not in (self.Status.ANALYSING, self.Status.APPLYING) or self.claimed_at is None:
            return False
        lease = timedelta(seconds=settings.ROSTER_IMPORT_LEASE_SECONDS)
        return self.claimed_at < timezone.now() - lease

    @property
    def errors(self) -> list:
        return self.report.get("errors", [])
