"""Thin views: check the permission, find the import through the scoped selector, call a service, render."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from ..mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from . import progress, selectors, services, template
from .files import MAX_UPLOAD_BYTES
from .forms import OrgChoiceForm, RosterUploadForm
from .models import RosterImport


class ImportListView(SchoolPermissionMixin, ListView):
    """Roster import and export: the upload and download buttons, and the school's earlier imports."""

    permission = "import_roster"
    template_name = "schools/rostering/import_list.html"
    context_object_name = "imports"
    paginate_by = 20

    def get_queryset(self):
        return selectors.roster_import_list(access=self.request.access)


class UploadView(SchoolPermissionMixin, FormView):
    permission = "import_roster"
    template_name = "schools/rostering/import_upload.html"
    form_class = RosterUploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = template.COLUMNS
        context["max_upload_bytes"] = MAX_UPLOAD_BYTES
        return context

    def form_valid(self, form):
        roster_import = services.roster_import_start(
            school=self.request.access.school,
            uploaded_by=self.request.user,
            file_format=form.cleaned_data["file_format"],
            name=form.cleaned_data["name"],
            data=form.cleaned_data["data"],
            new_student_kind=form.cleaned_data["new_student_kind"],
        )
        return redirect("rostering:import_detail", pk=roster_import.pk)


class ImportMixin(SchoolObjectMixin):
    """Pages of one import of the active school (``<int:pk>``)."""

    permission = "import_roster"

    def get_queryset(self):
        return selectors.roster_import_list(access=self.request.access)


class ImportDetailView(ImportMixin, DetailView):
    """Progress while a file is checked or imported; then the preview, the errors or the result."""

    template_name = "schools/rostering/import_detail.html"
    context_object_name = "roster_import"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roster_import = self.object
        context["report"] = roster_import.report
        context["progress"] = progress.snapshot(roster_import)
        context["Status"] = RosterImport.Status
        if roster_import.status == RosterImport.Status.NEEDS_ORG:
            context["org_form"] = OrgChoiceForm(orgs=roster_import.report.get("org_choices", []))
        return context


class ImportProgressView(ImportMixin, View):
    """A small JSON answer for the progress bar (static/js/import-progress.js polls it)."""

    def get(self, request, pk):
        data = progress.snapshot(self.object)
        data["detail_url"] = reverse("rostering:import_detail", kwargs={"pk": pk})
        return JsonResponse(data)


class ImportActionView(ImportMixin, SchoolActionView):
    """A button on an import's page; back to that page."""

    def get_success_url(self):
        return reverse("rostering:import_detail", kwargs={"pk": self.object.pk})


class ChooseOrgView(ImportActionView):
    def perform_action(self):
        form = OrgChoiceForm(self.request.POST, orgs=self.object.report.get("org_choices", []))
        if self.object.status != RosterImport.Status.NEEDS_ORG:
            messages.info(self.request, _("The school is already chosen for this import."))
        elif not form.is_valid():
            messages.error(self.request, _("Choose one of the orgs in the file."))
        else:
            services.roster_import_choose_org(roster_import=self.object, org_source_id=form.cleaned_data["org"])


class ConfirmView(ImportActionView):
    def perform_action(self):
        confirmed = services.roster_import_confirm(
            roster_import=self.object,
            confirmed_by=self.request.user,
            confirmed_removals=self.request.POST.get("confirm_removals", ""),
        )
        if confirmed:
            return _("The import has started.")
        messages.info(self.request, _("This import is not waiting for a confirmation any more."))
        return None


class CancelView(ImportActionView):
    def perform_action(self):
        if services.roster_import_cancel(roster_import=self.object):
            return _("The import is cancelled; nothing was changed.")
        messages.info(self.request, _("This import can no longer be cancelled."))
        return None


def _attachment(filename: str, content_type: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class TemplateDownloadView(SchoolPermissionMixin, View):
    permission = "import_roster"

    def get(self, request, file_format):
        if file_format not in services.EXPORT_FORMATS:
            raise Http404
        return _attachment(*services.roster_template(file_format=file_format))


class ExportView(SchoolPermissionMixin, View):
    """The roster with dates of birth and guardian contacts, written to the access log."""

    permission = "export_roster"

    def get(self, request, file_format):
        if file_format not in services.EXPORT_FORMATS:
            raise Http404
        return _attachment(*services.roster_export(access=request.access, request=request, file_format=file_format))
