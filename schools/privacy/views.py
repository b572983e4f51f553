"""Records pages: disclosures, requests to inspect records, the export of everything held about one student, and the
parent's page behind the emailed link. ``schools.middleware.NoStoreMiddleware`` sends every answer with ``no-store``."""

import datetime
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, View

from ..dates import school_today
from ..forms import show_service_error
from ..mixins import OneStudentMixin, SchoolObjectMixin, SchoolPermissionMixin
from ..permissions import can_view_sensitive
from . import guardian_links, selectors, services
from .forms import (
    CloseRequestForm,
    DisclosureFilterForm,
    DisclosureForm,
    GuardianLinkForm,
    InspectionRequestForm,
    StudentExportForm,
)
from .models import INSPECTION_DAYS, InspectionRequest

security_log = logging.getLogger("peerpartners.security")

def zip_download(content: bytes, filename: str) -> HttpResponse:
    """The bundle as an attachment, named by ids only (a file name ends up in logs and folders). Never cached:
    ``schools.middleware.NoStoreMiddleware``."""
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response



class RecordsMixin(SchoolPermissionMixin):
    permission = "manage_records"

    def students(self):
        return selectors.record_students(access=self.request.access)


class DisclosureListView(RecordsMixin, ListView):
    template_name = "schools/privacy/disclosure_list.html"
    context_object_name = "disclosures"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = DisclosureFilterForm(self.request.GET or None, students=self.students())
        if not self.filter_form.is_bound:
            return selectors.disclosure_list(access=self.request.access)
        if not self.filter_form.is_valid():
            return selectors.disclosure_list(access=self.request.access).none()
        return selectors.disclosure_list(access=self.request.access, student=self.filter_form.cleaned_data["student"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}


class DisclosureCreateView(RecordsMixin, FormView):
    template_name = "schools/privacy/form.html"
    form_class = DisclosureForm
    extra_context = {"title": _("Record a disclosure")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "students": self.students()}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "intro": _(
                "Record information about a student that was given to someone outside the school: to whom, "
                "why and what. A recorded disclosure cannot be changed or deleted; the student's parents "
                "see it."
            ),
            "cancel_url": reverse("privacy:disclosures"),
            "submit_label": _("Record the disclosure"),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.disclosure_record(
                student=data["student"],
                recipient=data["recipient"],
                purpose=data["purpose"],
                what=data["what"],
                disclosed_by=self.request.user,
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Disclosure recorded."))
        return redirect("privacy:disclosures")


class InspectionRequestListView(RecordsMixin, ListView):
    template_name = "schools/privacy/request_list.html"
    context_object_name = "requests"
    paginate_by = 50

    def get_queryset(self):
        return selectors.inspection_request_list(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = school_today(self.request.access.school)
        for item in context["requests"]:
            item.overdue = item.is_overdue(today)
        return context


class InspectionRequestCreateView(RecordsMixin, FormView):
    template_name = "schools/privacy/form.html"
    form_class = InspectionRequestForm
    extra_context = {"title": _("File a records request")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "students": self.students()}

    def get_initial(self):
        return {"received_on": school_today(self.request.access.school)}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "intro": _(
                "A parent, guardian or eligible student has asked to see the records held about a student. "
                "The school must let them see the records within %(days)s days of receiving the request."
            )
            % {"days": INSPECTION_DAYS},
            "cancel_url": reverse("privacy:requests"),
            "submit_label": _("File the request"),
            "due_preview": {"days": INSPECTION_DAYS, "due_on": self.due_preview_date(kwargs.get("form"))},
        }

    def due_preview_date(self, form):
        """45 days after the date on the form (today's for a new form); the page's script follows later changes."""
        received_on = None
        if form is not None and form.is_bound and not form.errors.get("received_on"):
            received_on = getattr(form, "cleaned_data", {}).get("received_on")
        received_on = received_on or school_today(self.request.access.school)
        return received_on + datetime.timedelta(days=INSPECTION_DAYS)

    def form_valid(self, form):
        try:
            inspection_request = services.inspection_request_create(access=self.request.access, **form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Records request filed. The records are due by %(date)s.")
            % {"date": date_format(inspection_request.due_on, "DATE_FORMAT")},
        )
        return redirect("privacy:request_detail", pk=inspection_request.pk)


class InspectionRequestMixin(RecordsMixin, SchoolObjectMixin):
    """Pages of one records request of the active school (``manage_records`` first, then another school's is a 404)."""

    queryset = InspectionRequest.objects.select_related("student", "recorded_by")

    @property
    def inspection_request(self):
        return self.object


class InspectionRequestDetailView(InspectionRequestMixin, DetailView):
    template_name = "schools/privacy/request_detail.html"
    context_object_name = "inspection_request"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.inspection_request
        item.overdue = item.is_overdue(school_today(self.request.access.school))
        context["disclosures"] = item.disclosures.select_related("disclosed_by")
        return context


class InspectionRequestCloseView(InspectionRequestMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CloseRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether the records were provided or the request was withdrawn."))
        elif services.inspection_request_close(
            inspection_request=self.inspection_request, status=form.cleaned_data["status"]
        ):
            messages.success(
                request,
                _("The request is closed: %(status)s.") % {"status": self.inspection_request.get_status_display()},
            )
        else:
            messages.info(request, _("This request was already closed."))
        return redirect("privacy:request_detail", pk=self.inspection_request.pk)


class RecordsBundleView(InspectionRequestMixin, View):
    """The download for the requester: itself recorded as a disclosure to them and as an export in the access log."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.inspection_request
        content = services.records_request_bundle(access=request.access, request=request, inspection_request=item)
        return zip_download(content, f"records-request-{item.pk}-student-{item.student_id}.zip")


class StudentRecordsMixin(OneStudentMixin):
    """Records pages about one student: whoever runs records and may see this student's confidential record."""

    permission = "manage_records"

    def may_open(self, access, student) -> bool:
        return can_view_sensitive(access, student)


class StudentExportView(StudentRecordsMixin, FormView):
    """'Export this child's data': logged as an export; a disclosure when given outside the school."""

    template_name = "schools/privacy/student_export.html"
    form_class = StudentExportForm

    def form_valid(self, form):
        try:
            content = services.student_export(
                access=self.request.access,
                request=self.request,
                student=self.student,
                recipient=form.cleaned_data["recipient"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        return zip_download(content, f"student-{self.student.pk}-records.zip")


class GuardianLinkView(StudentRecordsMixin, FormView):
    """Email one of the student's parents the link to what was disclosed about their child."""

    template_name = "schools/privacy/guardian_link.html"
    form_class = GuardianLinkForm
    extra_context = {"days": guardian_links.LINK_DAYS}

    def get_form_kwargs(self):
        guardians = self.student.guardians.exclude(email="").order_by("-is_primary", "name")
        return {**super().get_form_kwargs(), "guardians": guardians}

    def form_valid(self, form):
        guardian = form.cleaned_data["guardian"]
        services.guardian_disclosures_link_send(
            access=self.request.access,
            request=self.request,
            guardian=guardian,
            site_url=self.request.build_absolute_uri("/"),
        )
        messages.success(self.request, _("The link was emailed to %(name)s.") % {"name": guardian.name})
        return redirect(self.student_url())


class GuardianDisclosuresView(View):
    """The parent's page behind the emailed link: their child's first name and the disclosures about the child,
    nothing else. No sign-in; a changed or old link gets a plain page that reveals nothing."""

    def get(self, request, signed):
        try:
            guardian = guardian_links.guardian_from_link(signed)
        except guardian_links.LinkExpired:
            return render(request, "schools/privacy/guardian_link_message.html", {"kind": "expired"})
        except guardian_links.LinkInvalid:
            return render(request, "schools/privacy/guardian_link_message.html", {"kind": "invalid"})
        student = guardian.student
        # The access log needs a staff member; a parent's visit goes to the security log (ids only).
        security_log.info(
            "guardian_link.opened guardian_id=%s student_id=%s ip=%s",
            guardian.pk,
            student.pk,
            request.META.get("REMOTE_ADDR", ""),
        )
        return render(
            request,
            "schools/privacy/guardian_disclosures.html",
            {
                "child": student.short_name,
                "school": student.school.name,
                "disclosures": selectors.guardian_disclosures(guardian=guardian),
                "days": INSPECTION_DAYS,
            },
        )
