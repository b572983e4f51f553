"""Consent records, disclosures and inspection requests.

Imported by ``schools.models`` (Django discovers an app's models there), so these models belong to the schools app.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..append_only import AppendOnlyModel
from ..dates import school_today
from ..scoping import SchoolOwnedQuerySet

# FERPA 34 CFR 99.10(b): a school answers a request to inspect records within 45 days.
INSPECTION_DAYS = 45


class ConsentRecordQuerySet(SchoolOwnedQuerySet):
    def valid(self, on: datetime.date):
        """Consents in force on the day: given, not withdrawn and not expired. The day is the caller's, counted at the
        school (``schools.dates.school_today``): a queryset may hold several schools' rows, so there is no default."""
        return self.filter(given_on__lte=on).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on),
            Q(expires_on__isnull=True) | Q(expires_on__gte=on),
        )


class ConsentRecord(models.Model):
    """A parent's or guardian's consent, as the school recorded it: who consented, when, to what, until when.

    A sign-in account for a child under 13 needs one with the ``account`` scope (COPPA, school-authorised use).
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("A sign-in account for the student")
        PARTICIPATION = "participation", _("Taking part in the peer partner program")

    class Method(models.TextChoices):
        PAPER = "paper", _("Signed paper form")
        ONLINE = "online", _("Online consent link")
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="consent_records")
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="consent_records")
    scope = models.CharField(_("consent to"), max_length=20, choices=Scope.choices)
    given_by = models.CharField(_("given by"), max_length=200, help_text=_("The parent or guardian who consented."))
    relationship = models.CharField(_("relationship to the student"), max_length=100, blank=True)
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices, default=Method.PAPER)
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Usually the last day of the school year.")
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # When the renewal request for the next program year was emailed (at most once per record).
    renewal_requested_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["student", "scope", "expires_on"], name="consent_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.given_by}: {self.get_scope_display()} ({self.given_on})"

    def save(self, *args, **kwargs):
        # Entered by hand without an end: consent lasts until the end of the school year it was given in.
        if self.expires_on is None and self.school_id and self.given_on:
            from ..models import Term  # schools.models imports this module at its end

            self.expires_on = Term.objects.school_year_end(self.school_id, self.given_on)
        super().save(*args, **kwargs)

    def is_valid(self, on: datetime.date | None = None) -> bool:
        """In force on ``on`` (today at the school by default): the same conditions as ``ConsentRecordQuerySet.valid``
        (``tests/privacy/test_consent_rule.py`` holds the two together at every edge)."""
        on = on or school_today(self.school)
        return (
            self.given_on <= on
            and (self.withdrawn_on is None or self.withdrawn_on > on)
            and (self.expires_on is None or self.expires_on >= on)
        )


class Disclosure(AppendOnlyModel):
    """Information about a student given to someone outside the school (FERPA 34 CFR 99.32): to whom, why, what.

    Append-only, like the access log. A parent sees the disclosures of their own child.
    """

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="disclosures")
    student = models.ForeignKey("schools.Student", on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.CharField(
        _("given to"), max_length=200, help_text=_("A person or an office, e.g. the district office.")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    what = models.CharField(_("what was given"), max_length=300)
    disclosed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="disclosures_made", null=True, blank=True
    )
    inspection_request = models.ForeignKey(
        "schools.InspectionRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )

    class Meta:
        ordering = ["-disclosed_at", "-pk"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")

    def __str__(self) -> str:
        return f"{self.disclosed_at:%Y-%m-%d} {self.recipient}: {self.what}"


class InspectionRequestQuerySet(SchoolOwnedQuerySet):
    def open(self):
        return self.filter(status=InspectionRequest.Status.OPEN)

    def overdue(self, on: datetime.date | None = None):
        return self.open().filter(due_on__lt=on or timezone.localdate())


class InspectionRequest(models.Model):
    """A parent's (or eligible student's) request to inspect the records held about a student (FERPA 34 CFR 99.10)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Records provided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="inspection_requests")
    student = models.ForeignKey("schools.Student", on_delete=models.PROTECT, related_name="inspection_requests")
    requested_by = models.CharField(_("requested by"), max_length=200)
    relationship = models.CharField(_("relationship to the student"), max_length=100, blank=True)
    contact = models.CharField(_("how to reach them"), max_length=200, blank=True)
    received_on = models.DateField(_("date received"), default=timezone.localdate)
    due_on = models.DateField(_("due by"), help_text=_("45 days after the request was received."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    fulfilled_on = models.DateField(_("records provided on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("records request")
        verbose_name_plural = _("records requests")

    def __str__(self) -> str:
        return f"{self.requested_by} ({self.received_on})"

    def save(self, *args, **kwargs):
        if self.received_on and not self.due_on:
            self.due_on = self.received_on + datetime.timedelta(days=INSPECTION_DAYS)
        super().save(*args, **kwargs)

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.status == self.Status.OPEN and self.due_on < (on or timezone.localdate())
