"""The administrator's page of emails and jobs that kept failing, with their error and a "Try again" button."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from ..mixins import SchoolActionView, SchoolPermissionMixin
from . import selectors, services
from .models import OutboxItem


class FailedListView(SchoolPermissionMixin, ListView):
    permission = "retry_outbox"
    template_name = "schools/outbox/failed.html"
    context_object_name = "items"
    paginate_by = 50

    def get_queryset(self):
        return selectors.failed_items(school=self.request.access.school)


class RetryView(SchoolActionView):
    permission = "retry_outbox"
    model = OutboxItem

    def perform_action(self):
        if services.outbox_retry(item=self.object):
            return _("It will be tried again in the next minute.")
        return _("This was already being tried again.")

    def get_success_url(self):
        return reverse("outbox:failed")
