"""Retention pages: the dry-run report and run for the principal, and "delete this child's data"."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from ..mixins import OneStudentMixin, SchoolPermissionMixin
from ..models import Student
from . import retention


class RetentionView(SchoolPermissionMixin, TemplateView):
    """What the next run would do at the active school: the dry-run report (names are shown: the principal sees
    the roster anyway), and the button that runs it now."""

    permission = "run_retention"
    template_name = "schools/privacy/retention.html"

    def get_context_data(self, **kwargs):
        due = retention.retention_due(school=self.request.access.school)
        students = Student.objects.visible_to(self.request.access).in_bulk([row.student_id for row in due])
        rows = [(students[row.student_id], row) for row in due if row.student_id in students]
        sweeps = [(label, count) for label, count in retention.sweeps_due(school=self.request.access.school) if count]
        return super().get_context_data(
            rows=rows, sweeps=sweeps, retention_days=settings.STUDENT_RETENTION_DAYS, **kwargs
        )


class RetentionRunView(SchoolPermissionMixin, View):
    permission = "run_retention"

    def post(self, request, *args, **kwargs):
        done = retention.retention_run(school=request.access.school, by=request.user, request=request)
        messages.success(
            request,
            ngettext("%(count)d student was anonymised.", "%(count)d students were anonymised.", len(done))
            % {"count": len(done)},
        )
        return redirect("retention")


class DeleteStudentDataForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Type the student's first name to confirm"), max_length=100)

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student

    def clean_first_name(self):
        typed = " ".join(self.cleaned_data["first_name"].split())
        if typed.casefold() != " ".join(self.student.first_name.split()).casefold():
            raise forms.ValidationError(_("That is not the student's first name. Nothing was deleted."))
        return typed


class StudentDeleteDataView(OneStudentMixin, FormView):
    """Delete one child's data at once (the same anonymising as retention), confirmed by typing the first name."""

    permission = "delete_student_data"
    template_name = "schools/privacy/student_delete_data.html"
    form_class = DeleteStudentDataForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "student": self.student}

    def post(self, request, *args, **kwargs):
        if self.student.anonymised_at is not None:
            messages.info(request, _("This student's data was already deleted."))
            return redirect(self.student_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        retention.student_anonymise(
            student=self.student,
            reason="deleted at the school's request",
            by=self.request.user,
            request=self.request,
        )
        messages.success(self.request, _("The student's data was deleted. Only an anonymous record is kept."))
        return redirect(self.student_url())
