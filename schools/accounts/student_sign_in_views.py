"""A student's sign-in, from the student's page: for the coordinator and the principal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ..mixins import OneStudentMixin
from . import student_accounts
from .forms import StudentSignInForm

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
