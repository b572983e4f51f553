"""A student's sign-in and consent records, from the student's page: for the coordinator and the principal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from . import services, student_accounts
from .account_forms import StudentSignInForm
from .mixins import OneStudentMixin
from .models import AccessLogEntry, Student
from .privacy import services as privacy_services
from .privacy.consent_forms import ConsentRecordForm
from .privacy.models import ConsentRecord

SIGN_IN_CODE_SESSION_KEY = "student_sign_in_code"


class StudentSignInView(OneStudentMixin, View):
    """Whether the student can sign in, and the button that gives them a sign-in or a new code."""

    permission = "manage_student_sign_in"
    template_name = "schools/student_sign_in.html"

    def render_page(self, form, status=200):
        student = self.student
        context = {
            "student": student,
            "form": form,
            "under_13": student.is_under_13(),
            "has_consent": student_accounts.has_account_consent(student),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(StudentSignInForm(student=self.student))

    def post(self, request, pk):
        form = StudentSignInForm(request.POST, student=self.student)
        if form.is_valid():
            try:
                code = student_accounts.student_sign_in_issue(
                    student=self.student, issued_by=request.user, username=form.cleaned_data.get("username", "")
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                request.session[SIGN_IN_CODE_SESSION_KEY] = {"student": self.student.pk, "code": code}
                return redirect(self.student_url("student_sign_in_card"))
        return self.render_page(form)


class StudentSignInCardView(OneStudentMixin, View):
    """The printable card with the username and the new code, shown once: a reload shows no code."""

    permission = "manage_student_sign_in"

    def get(self, request, pk):
        issued = request.session.pop(SIGN_IN_CODE_SESSION_KEY, None)
        code = issued["code"] if issued and issued.get("student") == self.student.pk else None
        return render(request, "schools/student_sign_in_card.html", {"student": self.student, "code": code})


class StudentSignInOffView(OneStudentMixin, View):
    permission = "manage_student_sign_in"

    def post(self, request, pk):
        if student_accounts.student_sign_in_turn_off(student=self.student, by=request.user):
            messages.success(request, _("%(name)s's sign-in is off.") % {"name": self.student.short_name})
        else:
            messages.info(request, _("%(name)s has no sign-in to turn off.") % {"name": self.student.short_name})
        return redirect(self.student_url("student_sign_in"))


class ConsentRecordListView(OneStudentMixin, View):
    """A student's consent records (who consented, to what, until when) and the form to add one."""

    permission = "manage_consent_records"
    template_name = "schools/consent_records.html"

    def render_page(self, form, status=200):
        student = self.student
        if student.is_focus_student:
            # The names of a focus student's parents are part of the confidential record.
            services.record_access(
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
        return self.render_page(ConsentRecordForm())

    def post(self, request, pk):
        form = ConsentRecordForm(request.POST)
        if form.is_valid():
            privacy_services.consent_record_create(student=self.student, recorded_by=request.user, **form.cleaned_data)
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
        privacy_services.consent_record_withdraw(consent=consent, withdrawn_by=request.user)
        message = _("Consent marked as withdrawn.")
        student = Student.objects.select_related("user").get(pk=self.student.pk)
        if consent.scope == ConsentRecord.Scope.ACCOUNT and student.user and not student.user.is_active:
            message += " " + _("%(name)s's sign-in is off.") % {"name": student.short_name}
        messages.success(request, message)
        return redirect(self.student_url("student_consent_records"))
