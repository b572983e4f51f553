from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView

from . import selectors
from .dashboard import panels_for
from .filters import StudentFilter, StudentNameSearchForm
from .forms import PasswordResetRequestForm, SignInForm
from .middleware import ACTIVE_SCHOOL_SESSION_KEY
from .mixins import SchoolPermissionMixin
from .permissions import has_permission, role_labels
from .scoping import DISTRICT_ADMIN, FOCUS_STUDENT, PEER


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "schools/home.html")


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class DashboardView(SchoolPermissionMixin, TemplateView):
    """One landing page per role; later issues add their panels to these templates."""

    permission = "view_dashboard"

    def get_template_names(self):
        access = self.request.access
        if has_permission(access, "view_roster"):
            if access.has_role(DISTRICT_ADMIN) and not (access.roles - {DISTRICT_ADMIN}):
                return ["schools/dashboard_district.html"]
            return ["schools/dashboard_staff.html"]
        return ["schools/dashboard_student.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        context["role_labels"] = role_labels(access.roles)
        context["panels"] = panels_for(access)
        if has_permission(access, "view_roster"):
            context["summary"] = selectors.school_summary(access=access)
            if has_permission(access, "view_caseload"):
                # Staff on students' support teams start from their own students, not the school's numbers.
                context["my_students"] = list(selectors.caseload(access=access))
            if access.has_role(DISTRICT_ADMIN):
                context["district_schools"] = selectors.district_school_summaries(access=access)
        else:
            context["me"] = selectors.own_student_record(access=access)
            context["is_peer"] = access.has_role(PEER)
            context["is_focus_student"] = access.has_role(FOCUS_STUDENT)
        return context


@require_POST
@login_required
def switch_school(request):
    """Make another of the person's schools the active one; everything scoped follows it."""
    try:
        school_id = int(request.POST.get("school", ""))
    except ValueError:
        school_id = None
    if school_id not in request.access.school_ids:
        raise PermissionDenied
    request.session[ACTIVE_SCHOOL_SESSION_KEY] = school_id
    school = next(s for s in request.access.schools if s.pk == school_id)
    messages.success(request, _("You are now working in %(school)s.") % {"school": school.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("dashboard")
    return HttpResponseRedirect(next_url)


class StudentListView(SchoolPermissionMixin, ListView):
    """The roster, filtered by the query string; a search by name is a POST answered with the same page."""

    permission = "view_roster"
    template_name = "schools/student_list.html"
    context_object_name = "students"
    paginate_by = 25
    # A name search is not paginated (a page link would have to carry the name); this many rows at most.
    name_search_limit = 100
    name_form = None

    def post(self, request, *args, **kwargs):
        self.name_form = StudentNameSearchForm(request.POST)
        return self.get(request, *args, **kwargs)

    @property
    def searching_by_name(self) -> bool:
        return self.name_form is not None and self.name_form.is_valid()

    def get_queryset(self):
        self.filterset = StudentFilter(
            self.request.GET or None, queryset=selectors.student_list(access=self.request.access),
            school=self.request.access.school,
        )
        queryset = (
            self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else self.filterset.queryset
        )
        if self.searching_by_name:
            queryset = self.name_form.filter(queryset)[: self.name_search_limit + 1]
        return queryset

    def get_paginate_by(self, queryset):
        return None if self.searching_by_name else self.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["name_form"] = self.name_form or StudentNameSearchForm()
        if self.searching_by_name:
            students = list(context["students"])
            context["too_many"] = len(students) > self.name_search_limit
            context["students"] = students[: self.name_search_limit]
            context["student_count"] = len(context["students"])
        else:
            context["student_count"] = context["paginator"].count
        return context


class StaffListView(SchoolPermissionMixin, ListView):
    permission = "view_staff"
    template_name = "schools/staff_list.html"
    context_object_name = "memberships"

    def get_queryset(self):
        return selectors.staff_list(access=self.request.access)


class DistrictOverviewView(SchoolPermissionMixin, ListView):
    permission = "view_district"
    template_name = "schools/district_overview.html"
    context_object_name = "schools"

    def get_queryset(self):
        return selectors.district_school_summaries(access=self.request.access)
