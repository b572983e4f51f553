"""Facilitation pages: the supervising adult's phone log of an occurrence, the logs of an activity, and a focus
student's timeline for the support team (with its support changes). Thin views over ``services`` and ``selectors``;
another school's occurrence, activity or student is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import OneStudentMixin, SchoolActionView, SchoolObjectMixin
from schools.models import Student
from schools.permissions import can_view_sensitive, has_permission

from ..models import ADULT_SUPPORT_LEVEL, AdultSupport, SupportChange
from ..observation.selectors import observation_list
from . import selectors, services
from .forms import FacilitationLogForm, SupportChangeForm
from .series import chart

GROUP = "group"


class FacilitationLogView(SchoolObjectMixin, FormView):
    """The phone form: one log per adult, occurrence and focus student (or the whole group); logging again edits it."""

    permission = "log_facilitation"
    template_name = "activities/facilitation/log.html"
    form_class = FacilitationLogForm

    def get_queryset(self):
        return selectors.occurrence_queryset(access=self.request.access)

    @cached_property
    def focus_students(self):
        return selectors.focus_students(occurrence=self.object)

    @cached_property
    def student(self):
        """The student chosen by ``?student=`` (``group``: the whole group); by default the first focus student. A
        student who is not a focus student placed in the activity is a 404."""
        chosen = self.request.GET.get("student", "")
        if chosen == GROUP or (not chosen and not self.focus_students):
            return None
        if not chosen:
            return self.focus_students[0]
        student = next((s for s in self.focus_students if str(s.pk) == chosen), None)
        if student is None:
            raise Http404
        return student

    @cached_property
    def may_see_goals(self) -> bool:
        return self.student is not None and can_view_sensitive(self.request.access, self.student)

    @cached_property
    def own_log(self):
        return selectors.own_log(occurrence=self.object, student=self.student, by=self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["goals"] = selectors.student_goals(student=self.student) if self.may_see_goals else None
        log = self.own_log
        if log is not None:
            kwargs["initial"] = {
                "strategies": log.strategies,
                "adult_support": log.adult_support,
                "initiations_by_student": log.initiations_by_student,
                "initiations_by_peers": log.initiations_by_peers,
                "interaction_quality": log.interaction_quality,
                "goals": list(log.goals_practised.all()) if self.may_see_goals else [],
                "note": log.note,
            }
        return kwargs

    def page_url(self, student=None) -> str:
        url = reverse("activities:facilitation_log", kwargs={"pk": self.object.pk})
        return f"{url}?{urlencode({'student': student.pk if student else GROUP})}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occurrence = self.object
        access = self.request.access
        choices = [
            {"label": s.full_name, "url": self.page_url(s), "current": self.student == s} for s in self.focus_students
        ]
        choices.append({"label": _("The whole group"), "url": self.page_url(None), "current": self.student is None})
        may_view = has_permission(access, "view_facilitation")
        context.update(
            occurrence=occurrence,
            activity=occurrence.activity,
            student=self.student,
            choices=choices,
            refusal=services.occurrence_refusal(occurrence=occurrence),
            editing=self.own_log is not None,
            may_see_goals=self.may_see_goals,
            logs=selectors.log_lines(selectors.occurrence_logs(occurrence=occurrence), access=access)
            if may_view
            else [],
            may_view=may_view,
            suggestions=selectors.strategy_suggestions(student=self.student, term=occurrence.activity.term)
            if self.student is not None
            else [],
        )
        return context

    def form_valid(self, form):
        try:
            _log, created = services.facilitation_log_save(
                occurrence=self.object, student=self.student, by=self.request.user, **form.values()
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        who = self.student.full_name if self.student else _("the whole group")
        message = _("Log saved for %(who)s.") if created else _("Log updated for %(who)s.")
        messages.success(self.request, message % {"who": who})
        return HttpResponseRedirect(self.page_url(self.student))


class ActivityLogsView(SchoolObjectMixin, TemplateView):
    """The recent facilitation logs of an activity, newest first."""

    permission = "view_facilitation"
    template_name = "activities/facilitation/logs.html"

    def get_queryset(self):
        return selectors.activity_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        logs = selectors.activity_logs(activity=self.object)
        context.update(
            activity=self.object,
            logs=selectors.log_lines(logs, access=self.request.access),
            limit=selectors.RECENT_LOGS,
        )
        return context


# --- A focus student's timeline ---

SUPPORT_LABELS = {0: _("Faded"), 1: _("Nearby"), 2: _("Close")}


class StudentTimelineView(OneStudentMixin, TemplateView):
    """Activities, attendance and facilitation of one focus student over a term, with two charts (adult support fading,
    interactions) and the dated changes in their support."""

    permission = "view_facilitation"
    template_name = "activities/facilitation/timeline.html"

    @cached_property
    def student(self):
        student = super().student
        if not student.is_focus_student:
            raise Http404
        return student

    @cached_property
    def terms(self):
        return selectors.student_terms(student=self.student)

    @cached_property
    def term(self):
        chosen = self.request.GET.get("term", "") or self.request.POST.get("term", "")
        return next((t for t in self.terms if str(t.pk) == chosen), None) or selectors.current_term(
            self.terms, school_today(self.student.school)
        )

    def timeline_url(self) -> str:
        url = reverse("activities:student_timeline", kwargs={"pk": self.student.pk})
        return f"{url}?{urlencode({'term': self.term.pk})}" if self.term else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        timeline = selectors.student_timeline(student=self.student, term=self.term)
        markers = timeline.markers
        weeks = timeline.weeks
        top = max([w.by_student or 0 for w in weeks] + [w.by_peers or 0 for w in weeks] + [4])
        support_chart = chart(
            weeks,
            [("support", _("Adult support"), "chart-support")],
            y_max=2,
            y_labels=SUPPORT_LABELS,
            markers=markers,
        )
        interactions_chart = chart(
            weeks,
            [
                ("by_student", _("Started by the student"), "chart-student"),
                ("by_peers", _("Started by peers"), "chart-peers"),
            ],
            y_max=top,
            markers=markers,
        )
        may_see_goals = can_view_sensitive(access, self.student)
        if has_permission(access, "view_observations"):
            # The term's direct observations (first observers' records: a second observer's is the same session).
            observations = [
                row
                for row in observation_list(access=access, student=self.student, first_observers_only=True)
                if self.term is None or self.term.start_date <= row.observation.occurrence.date <= self.term.end_date
            ]
            context["observation_section"] = {"rows": observations, "student": self.student}
        context.update(
            timeline=timeline,
            terms=self.terms,
            term=self.term,
            logs=selectors.log_lines(reversed(timeline.logs), access=access),
            may_see_goals=may_see_goals,
            support_chart=support_chart,
            interactions_chart=interactions_chart,
            logged_weeks=[w for w in weeks if w.logs],
            may_record_changes=has_permission(access, "record_support_changes"),
            change_form=kwargs.get("change_form") or SupportChangeForm(),
            support_levels=[(ADULT_SUPPORT_LEVEL[v], label) for v, label in AdultSupport.choices],
            cancel_url=reverse("student_detail", kwargs={"pk": self.student.pk}),
        )
        return context


class SupportChangeAddView(StudentTimelineView):
    """The timeline's small form: a dated change in the student's support (a bad date or no text: the timeline again,
    with the form's errors)."""

    permission = "record_support_changes"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SupportChangeForm(request.POST)
        if form.is_valid():
            try:
                services.support_change_add(student=self.student, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Change added to the timeline."))
                return HttpResponseRedirect(self.timeline_url())
        return self.render_to_response(self.get_context_data(change_form=form))


class SupportChangeDeleteView(SchoolActionView):
    permission = "record_support_changes"

    def get_queryset(self):
        return SupportChange.objects.visible_to(self.request.access).filter(student__kind=Student.Kind.FOCUS)

    def perform_action(self):
        services.support_change_delete(change=self.object)
        return _("Change removed from the timeline.")

    def get_success_url(self):
        return reverse("activities:student_timeline", kwargs={"pk": self.object.student_id})
