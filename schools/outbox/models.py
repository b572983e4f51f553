"""One email or background job waiting to go out, and what became of it.

Imported by ``schools.models`` (Django discovers an app's models there), so the model belongs to the schools app.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..scoping import SchoolOwnedQuerySet


def new_key() -> str:
    return uuid.uuid4().hex


class OutboxItem(models.Model):
    """An email (subject, body, addresses) or a job (a Celery task's name and its keyword arguments).

    waiting → sending → sent; a failed attempt goes back to waiting with a later ``next_attempt_at``, and after
    ``services.MAX_ATTEMPTS`` to failed, where an administrator sees the error and may try again. Written and moved
    only by ``schools.outbox.services``.
    """

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        JOB = "job", _("Background job")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The task delivering a row checks it: a row already sent under this key is never sent again.
    key = models.CharField(_("idempotency key"), max_length=200, unique=True, default=new_key)
    # For the administrator's page: the school whose change caused it; none for e.g. a password reset email.
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    task_name = models.CharField(_("task"), max_length=200, blank=True)
    task_kwargs = models.JSONField(_("task arguments"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    to = models.JSONField(_("to"), default=list, blank=True)
    # Files sent with the email, as text: ``[{"filename", "content", "mimetype"}]`` (a calendar invitation is a few
    # hundred bytes). Cleared with the body once sent.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # When the dispatcher handed it to Celery: a row sending for too long belonged to a worker that died.
    claimed_at = models.DateTimeField(_("handed to the worker"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = SchoolOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox item")
        verbose_name_plural = _("outbox")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="email", task_name="") | models.Q(kind="job", subject="", body=""),
                name="outbox_email_or_job",
            ),
        ]

    def __str__(self):
        what = self.subject if self.kind == self.Kind.EMAIL else self.task_name
        return f"{self.get_kind_display()}: {what}"

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)
