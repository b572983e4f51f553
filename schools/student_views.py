"""Roster pages: a student's profile (with its sensitive sections logged), the peer-safe view, and the forms that
keep profiles, availability and bell schedules up to date."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from . import selectors, services
from .filters import AccessLogFilter
from .mixins import OneStudentMixin, SchoolPermissionMixin
from .models import BehaviorNote, BellSchedule, Guardian, IEPGoal, PeerPreference, Period, Student, Weekday
from .peer_safe import peer_safe_profile
from .permissions import can_edit_profile, can_view_sensitive, has_permission
from .profile_forms import (
    AvailabilityForm,
    BehaviorNoteForm,
    BellScheduleForm,
    GuardianForm,
    IEPGoalForm,
    PeerPreferenceForm,
    PeriodForm,
    StudentProfileForm,
)
from .student_sections import sections_for


class StudentDetailView(SchoolPermissionMixin, DetailView):
    """Everyone with the roster sees the peer-safe part; the sensitive part is shown, and logged, by permission."""

    permission = "view_roster"
    template_name = "schools/student_detail.html"
    context_object_name = "student"

    def get_queryset(self):
        return selectors.student_profile_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = self.object
        context["with_sensitive"] = services.student_record_open(
            access=self.request.access, student=student, request=self.request
        )
        context["can_edit"] = can_edit_profile(self.request.access, student)
        context["availability"] = availability_grid(student)
        # What other apps know about the student (programs, partners, applications), by the viewer's permissions.
        context["sections"] = sections_for(self.request.access, student)
        return context


class MyStudentsView(SchoolPermissionMixin, ListView):
    """A staff member's caseload: the students whose support team they are on, at the active school, with what every
    member of staff may read (communication, how to help); each student's page holds the confidential record."""

    permission = "view_caseload"
    template_name = "schools/my_students.html"
    context_object_name = "students"

    def get_queryset(self):
        return selectors.caseload(access=self.request.access)


def availability_grid(student):
    """{weekday label: [period names]} for the student's free periods, in weekday order."""
    grid = {}
    for slot in student.availability.all():
        grid.setdefault(Weekday(slot.weekday).label, []).append(slot.period.name)
    return grid


class PeerSafeProfileView(SchoolPermissionMixin, DetailView):
    """Exactly what a paired peer may read of a focus student: first name, interests, how to communicate, how to help.

    Staff open it to see what peers see; the template receives nothing else.
    """

    permission = "view_roster"
    template_name = "schools/peer_safe_profile.html"

    def get_object(self, queryset=None):
        student = get_object_or_404(
            Student.objects.visible_to(self.request.access).focus_students(), pk=self.kwargs["pk"]
        )
        return peer_safe_profile(student)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "profile": self.object}


class StudentScopedMixin(OneStudentMixin):
    """Edit pages of one student of the active school (another school's student is a 404)."""

    permission = "edit_student_profile"

    def may_open(self, access, student) -> bool:
        return can_edit_profile(access, student)


class StudentProfileEditView(StudentScopedMixin, FormView):
    template_name = "schools/student_form.html"
    form_class = StudentProfileForm

    def get_form_kwargs(self):
        access = self.request.access
        staff = selectors.staff_members(school=access.school) if has_permission(access, "assign_support_team") else None
        directory = has_permission(access, "set_directory_opt_out")
        return {**super().get_form_kwargs(), "instance": self.student, "staff": staff, "directory": directory}

    def get_context_data(self, **kwargs):
        title = _("Edit %(name)s's profile") % {"name": self.student.short_name}
        return {**super().get_context_data(**kwargs), "title": title}

    def form_valid(self, form):
        if form.has_changed():
            services.student_profile_update(
                access=self.request.access, request=self.request, student=self.student, form=form
            )
            messages.success(self.request, _("Profile saved."))
        return redirect(self.student_url())


@dataclass(frozen=True)
class ProfileItemKind:
    model: type
    form: type
    title: str
    focus_only: bool = True


PROFILE_ITEMS = {
    "iep-goals": ProfileItemKind(IEPGoal, IEPGoalForm, gettext_lazy("IEP goal")),
    "behavior-notes": ProfileItemKind(BehaviorNote, BehaviorNoteForm, gettext_lazy("Behavior note")),
    "guardians": ProfileItemKind(Guardian, GuardianForm, gettext_lazy("Parent or guardian"), focus_only=False),
    "preferences": ProfileItemKind(PeerPreference, PeerPreferenceForm, gettext_lazy("Peer preference")),
}


class ProfileItemMixin(StudentScopedMixin):
    """IEP goals, behaviour notes, guardians and peer preferences share one add/edit/delete flow.

    All four are confidential: only people who may see the student's confidential record edit them.
    """

    def may_open(self, access, student) -> bool:
        return can_view_sensitive(access, student)

    def dispatch(self, request, *args, **kwargs):
        try:
            self.item_kind = PROFILE_ITEMS[kwargs["kind"]]
        except KeyError:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def check_kind(self):
        if self.item_kind.focus_only and not self.student.is_focus_student:
            raise Http404

    def get_item(self):
        queryset = self.item_kind.model.objects.visible_to(self.request.access).filter(student=self.student)
        return get_object_or_404(queryset, pk=self.kwargs["item_pk"])


class ProfileItemFormView(ProfileItemMixin, FormView):
    template_name = "schools/student_form.html"

    def get_form_class(self):
        self.check_kind()
        return self.item_kind.form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "item_pk" in self.kwargs:
            kwargs["instance"] = self.get_item()
        if self.item_kind.model is PeerPreference:
            kwargs["peers"] = selectors.peer_options(access=self.request.access)
        return kwargs

    def get_context_data(self, **kwargs):
        verb = _("Edit") if "item_pk" in self.kwargs else _("Add")
        title = f"{verb}: {self.item_kind.title} — {self.student.full_name}"
        return {**super().get_context_data(**kwargs), "title": title}

    def form_valid(self, form):
        try:
            services.profile_item_save(
                access=self.request.access,
                request=self.request,
                student=self.student,
                form=form,
                what=str(self.item_kind.title),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(item)s saved.") % {"item": self.item_kind.title})
        return redirect(self.student_url())


class ProfileItemDeleteView(ProfileItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        services.profile_item_delete(access=request.access, request=request, item=item, what=str(self.item_kind.title))
        messages.success(request, _("%(item)s removed.") % {"item": self.item_kind.title})
        return redirect(self.student_url())


class AvailabilityEditView(StudentScopedMixin, FormView):
    """A peer's free periods, by day, on the current bell schedule."""

    template_name = "schools/availability_form.html"

    def get_form(self, form_class=None):
        if self.student.is_focus_student:
            raise Http404
        self.schedule = selectors.current_bell_schedule(school=self.request.access.school)
        periods = list(self.schedule.periods.order_by("order")) if self.schedule else []
        current = self.student.availability.filter(period__in=periods)
        return AvailabilityForm(periods=periods, current=list(current), **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "schedule": self.schedule}

    def form_valid(self, form):
        try:
            services.peer_availability_set(
                access=self.request.access,
                request=self.request,
                student=self.student,
                periods=form.periods,
                slots=form.slots(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Availability saved."))
        return redirect(self.student_url())


class BellScheduleView(SchoolPermissionMixin, TemplateView):
    permission = "view_roster"
    template_name = "schools/bell_schedules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["schedules"] = selectors.bell_schedules(access=self.request.access)
        context["can_manage"] = has_permission(self.request.access, "manage_bell_schedule")
        return context


class BellScheduleCreateView(SchoolPermissionMixin, FormView):
    permission = "manage_bell_schedule"
    template_name = "schools/bell_schedule_form.html"
    form_class = BellScheduleForm

    def get_form_kwargs(self):
        terms = selectors.terms(school=self.request.access.school, newest_first=True)
        return {**super().get_form_kwargs(), "terms": terms}

    def form_valid(self, form):
        try:
            services.bell_schedule_create(school=self.request.access.school, form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Bell schedule added. Now add its periods."))
        return redirect("bell_schedules")


class PeriodFormView(SchoolPermissionMixin, FormView):
    """Add or edit one period of a bell schedule."""

    permission = "manage_bell_schedule"
    template_name = "schools/period_form.html"
    form_class = PeriodForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and has_permission(request.access, self.permission):
            self.schedule = get_object_or_404(
                BellSchedule.objects.visible_to(request.access), pk=kwargs["schedule_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "period_pk" in self.kwargs:
            kwargs["instance"] = get_object_or_404(
                Period.objects.visible_to(self.request.access).filter(schedule=self.schedule),
                pk=self.kwargs["period_pk"],
            )
        else:
            kwargs["initial"] = {"order": self.schedule.periods.count() + 1}
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "schedule": self.schedule}

    def form_valid(self, form):
        try:
            services.period_save(schedule=self.schedule, form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Period saved."))
        return redirect("bell_schedules")


class AccessLogView(SchoolPermissionMixin, ListView):
    """The school's record of who saw, changed or exported which student's sensitive record (read-only)."""

    permission = "view_access_log"
    template_name = "schools/access_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = AccessLogFilter(
            self.request.GET or None, queryset=selectors.access_log(access=self.request.access),
            access=self.request.access,
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter": self.filterset}
