"""A student's consent records, from the student's page: who consented, to what, until when; recording and
withdrawing one. For the coordinator and the principal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from .. import services as school_services
from ..mixins import OneStudentMixin
from ..models import AccessLogEntry, Student
from . import services
from .consent_forms import ConsentRecordForm
from .models import ConsentRecord


class ConsentRecordListView(OneStudentMixin, View):
    """A student's consent records (who consented, to what, until when) and the form to add one."""

    permission = "manage_consent_records"
    template_name = "schools/consent_records.html"

    def render_page(self, form, status=200):
        student = self.student
        if student.is_focus_student:
            # The names of a focus student's parents are part of the confidential record.
            school_services.record_access(
                user=self.request.access.user,
                school=student.school,
                request=self.request,
                student=student,
                action=AccessLogEntry.Action.VIEW,
                what="consent records",
            )
        context = {
            "student": student,
            "consents": ConsentRecord.objects.visible_to(self.request.access)
            .filter(student=student)
            .select_related("recorded_by", "school"),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(ConsentRecordForm(school=self.student.school))

    def post(self, request, pk):
        form = ConsentRecordForm(request.POST, school=self.student.school)
        if form.is_valid():
            services.consent_record_create(student=self.student, recorded_by=request.user, **form.cleaned_data)
            messages.success(request, _("Consent recorded."))
            return redirect(self.student_url("student_consent_records"))
        return self.render_page(form)


class ConsentRecordWithdrawView(OneStudentMixin, View):
    permission = "manage_consent_records"

    def post(self, request, pk, consent_pk):
        consent = get_object_or_404(
            ConsentRecord.objects.visible_to(request.access).filter(student=self.student), pk=consent_pk
        )
        if consent.withdrawn_on is not None:
            messages.info(request, _("This consent was already withdrawn."))
            return redirect(self.student_url("student_consent_records"))
        services.consent_record_withdraw(consent=consent, withdrawn_by=request.user)
        message = _("Consent marked as withdrawn.")
        student = Student.objects.select_related("user").get(pk=self.student.pk)
        if consent.scope == ConsentRecord.Scope.ACCOUNT and student.user and not student.user.is_active:
            message += " " + _("%(name)s's sign-in is off.") % {"name": student.short_name}
        messages.success(request, message)
        return redirect(self.student_url("student_consent_records"))
