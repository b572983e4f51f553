"""Goal attainment scaling pages: thin views over ``selectors`` and ``services``.

- ``goal_overview``: a program's focus students with their scales of a term, lock state, ratings and T-scores, and
  the program's T-score (``view_goal_scales``; only the students whose record the person may read are listed).
- ``goal_student``: one student's scales in the program, by term; the lock buttons (``view_goal_scales``, and the
  student's confidential record: 403 otherwise).
- ``goal_scale_new`` / ``goal_scale_edit``: write and edit a scale (``manage_goal_scales``).
- ``goal_scale_lock``: lock a scale's levels (``manage_goal_scales``; POST).
- ``goal_scale_rate``: rate at mid or end of term (``rate_goals``; a chosen rater or the coordinator, else 403).
Programs, students and scales are found among the active school's rows only: another school's is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin
from schools.permissions import has_permission
from schools.selectors import staff_members

from ..models import RatingPoint
from . import selectors, services
from .forms import LockForm, RateForm, ScaleForm
from .tscore import RHO


class GoalProgramMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.goal_program_queryset(access=self.request.access)

    @property
    def program(self):
        return self.object

    @cached_property
    def terms(self) -> list:
        return selectors.terms_of(self.program)


class GoalOverviewView(GoalProgramMixin, TemplateView):
    permission = "view_goal_scales"
    template_name = "evaluation/goals/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.program
        term = selectors.chosen_term(self.terms, self.request.GET.get("term", ""), school_today(program.school))
        if term is None and self.request.GET.get("term"):
            raise Http404
        goals = selectors.program_goals(access=self.request.access, program=program, term=term) if term else None
        if goals is not None:
            selectors.log_scale_views(
                access=self.request.access, students=[r.student for r in goals.rows if r.scales], request=self.request
            )
        context.update(
            program=program,
            terms=self.terms,
            term=term,
            goals=goals,
            rho=RHO,
            one_minus_rho=round(1 - RHO, 2),
            may_manage=has_permission(self.request.access, "manage_goal_scales"),
        )
        return context


class GoalStudentMixin(GoalProgramMixin):
    """A focus student of the program (``student`` in the URL): 404 when not the program's; 403 to someone who may
    not read the student's confidential record."""

    @cached_property
    def student(self):
        student = selectors.program_student(program=self.program, pk=self.kwargs["student"])
        if student is None:
            raise Http404
        if not selectors.may_view_scales(self.request.access, student):
            raise PermissionDenied
        return student

    def student_url(self) -> str:
        return reverse("evaluation:goal_student", kwargs={"pk": self.program.pk, "student": self.student.pk})


class GoalStudentView(GoalStudentMixin, TemplateView):
    permission = "view_goal_scales"
    template_name = "evaluation/goals/student.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = self.student
        selectors.log_scale_views(access=self.request.access, students=[student], request=self.request)
        today = school_today(self.program.school)
        rows = selectors.student_goals(program=self.program, student=student)
        for row in rows:
            for scale in row.scales:
                scale.late = today >= scale.term.start_date
                scale.can_rate = selectors.may_rate(self.request.access, scale)
        open_terms = [t for t in self.terms if t.end_date >= today]
        context.update(
            program=self.program,
            student=student,
            rows=rows,
            may_manage=has_permission(self.request.access, "manage_goal_scales"),
            may_add=bool(open_terms),
            lock_form=LockForm(),
            rho=RHO,
            one_minus_rho=round(1 - RHO, 2),
        )
        return context


class ScaleFormMixin:
    template_name = "evaluation/goals/scale_form.html"

    def staff(self):
        return staff_members(school=self.program.school)


class GoalScaleNewView(GoalStudentMixin, ScaleFormMixin, TemplateView):
    permission = "manage_goal_scales"

    def open_terms(self):
        today = school_today(self.program.school)
        ids = [t.pk for t in self.terms if t.end_date >= today]
        return selectors.program_terms(program=self.program).filter(pk__in=ids).order_by("start_date")

    def get_form(self, data=None):
        initial = {}
        chosen = self.request.GET.get("term", "")
        if chosen.isdigit():
            initial["term"] = int(chosen)
        return ScaleForm(data, initial=initial, student=self.student, staff=self.staff(), terms=self.open_terms())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.program,
            student=self.student,
            form=kwargs.get("form") or self.get_form(),
            cancel_url=self.student_url(),
            scale=None,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.scale_create(
                    program=self.program,
                    term=data["term"],
                    student=self.student,
                    by=request.user,
                    iep_goal=data["iep_goal"],
                    title=data["title"],
                    weight=data["weight"],
                    levels=form.levels(),
                    raters=list(data["raters"]),
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Scale saved. Lock it before the term starts so the levels stay fixed."))
                return HttpResponseRedirect(self.student_url())
        return self.render_to_response(self.get_context_data(form=form))


class ScaleMixin(SchoolObjectMixin):
    def get_queryset(self):
        return selectors.scale_queryset(access=self.request.access)

    @property
    def scale(self):
        return self.object

    @property
    def program(self):
        return self.object.program

    def student_url(self) -> str:
        return reverse(
            "evaluation:goal_student", kwargs={"pk": self.scale.program_id, "student": self.scale.student_id}
        )


class GoalScaleEditView(ScaleMixin, ScaleFormMixin, TemplateView):
    permission = "manage_goal_scales"

    def dispatch(self, request, *args, **kwargs):
        allowed = request.user.is_authenticated and has_permission(request.access, self.permission)
        if allowed and not selectors.may_view_scales(request.access, self.scale.student):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        scale = self.scale
        initial = {
            "iep_goal": str(scale.iep_goal_id or ""),
            "title": scale.title,
            "weight": scale.weight,
            "raters": [r.pk for r in scale.raters.all()],
            **{name: getattr(scale, name) for name in services.LEVEL_FIELDS},
        }
        return ScaleForm(data, initial=initial, student=scale.student, staff=self.staff())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            program=self.program,
            student=self.scale.student,
            scale=self.scale,
            form=kwargs.get("form") or self.get_form(),
            cancel_url=self.student_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.scale_update(
                    scale=self.scale,
                    by=request.user,
                    iep_goal=data["iep_goal"],
                    title=data["title"],
                    weight=data["weight"],
                    levels=form.levels(),
                    raters=list(data["raters"]),
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Scale saved."))
                return HttpResponseRedirect(self.student_url())
        return self.render_to_response(self.get_context_data(form=form))


class GoalScaleLockView(ScaleMixin, SchoolActionView):
    permission = "manage_goal_scales"

    def perform_action(self) -> str:
        if not selectors.may_view_scales(self.request.access, self.scale.student):
            raise PermissionDenied
        form = LockForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(" ".join(e for errors in form.errors.values() for e in errors))
        scale = services.scale_lock(scale=self.scale, by=self.request.user, reason=form.cleaned_data["reason"])
        if scale.late_lock_reason:
            return _("Locked after the term started: %(reason)s") % {"reason": scale.late_lock_reason}
        return _("Locked: the levels are fixed for rating.")

    def get_success_url(self) -> str:
        return self.student_url()


class GoalScaleRateView(ScaleMixin, TemplateView):
    permission = "rate_goals"
    template_name = "evaluation/goals/rate.html"

    def dispatch(self, request, *args, **kwargs):
        allowed = request.user.is_authenticated and has_permission(request.access, self.permission)
        if allowed and not selectors.may_rate(request.access, self.scale):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        initial = {}
        today = school_today(self.program.school)
        initial["point"] = (
            RatingPoint.END if today >= selectors.rating_opens(self.scale.term, RatingPoint.END) else RatingPoint.MID
        )
        given = selectors.rating_of(self.scale, initial["point"])
        if given is not None:  # rating again starts from what was given
            initial.update(level=str(given.level), note=given.note)
        return RateForm(data, initial=initial, scale=self.scale)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scale = self.scale
        selectors.log_scale_views(access=self.request.access, students=[scale.student], request=self.request)
        context.update(
            program=self.program,
            student=scale.student,
            scale=scale,
            form=kwargs.get("form") or self.get_form(),
            mid=selectors.rating_of(scale, RatingPoint.MID),
            end=selectors.rating_of(scale, RatingPoint.END),
            end_opens=selectors.rating_opens(scale.term, RatingPoint.END),
            cancel_url=self.student_url() if selectors.may_view_scales(self.request.access, scale.student) else None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.scale.is_locked:
            messages.error(request, _("This scale is not locked yet: the levels are locked before anyone rates."))
            return HttpResponseRedirect(reverse("evaluation:goal_scale_rate", kwargs={"pk": self.scale.pk}))
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.goal_rate(
                    scale=self.scale,
                    by=request.user,
                    point=form.cleaned_data["point"],
                    level=form.cleaned_data["level"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Rating saved."))
                return HttpResponseRedirect(reverse("evaluation:goal_scale_rate", kwargs={"pk": self.scale.pk}))
        return self.render_to_response(self.get_context_data(form=form))
