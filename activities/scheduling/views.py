"""Thin views of scheduling: resolve (scoped), call a selector or a service, render."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from programs import selectors as program_selectors
from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.permissions import has_permission
from schools.selectors import own_student_record

from ..models import Occurrence, Participant
from . import selectors, services
from .forms import (
    ActivityCancelForm,
    ActivityFilter,
    ActivityForm,
    CalendarForm,
    OccurrenceCancelForm,
    OccurrenceChangeForm,
    PlaceForm,
)


def _today(request):
    return school_today(request.access.school)


class ActivityIndexView(SchoolPermissionMixin, TemplateView):
    """The school's activities grouped by program, filtered by program, kind and term (one query for the list)."""

    permission = "view_activities"
    template_name = "activities/scheduling/index.html"

    def get_context_data(self, **kwargs):
        access = self.request.access
        filterset = ActivityFilter(
            self.request.GET or None, queryset=selectors.activity_queryset(access=access), school=access.school
        )
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        if filterset.is_bound and not filterset.is_valid():
            queryset = queryset.none()
        return {
            **super().get_context_data(**kwargs),
            "filter": filterset,
            "activities": selectors.activity_list(queryset=queryset, today=_today(self.request)),
            "programs": program_selectors.school_programs(school=access.school),
            "can_manage": has_permission(access, "manage_activities"),
        }


class ActivityMixin(SchoolObjectMixin):
    permission = "view_activities"

    def get_queryset(self):
        return selectors.activity_queryset(access=self.request.access).select_related("program__school")

    @property
    def activity(self):
        return self.object


class ActivityAddView(SchoolPermissionMixin, TemplateView):
    """A new activity of the program named by ``?program=``; without one, the programs to choose from."""

    permission = "manage_activities"
    template_name = "activities/scheduling/form.html"

    @cached_property
    def program(self):
        pk = self.request.GET.get("program", "")
        if not pk:
            return None
        if not pk.isdigit():
            raise Http404(_("No such program."))
        return get_object_or_404(program_selectors.program_queryset(access=self.request.access), pk=int(pk))

    def form(self, data=None):
        return ActivityForm(data, program=self.program)

    def get(self, request, *args, **kwargs):
        if self.program is None:
            programs = program_selectors.school_programs(school=request.access.school)
            return self.render_to_response(self.get_context_data(choose_program=True, programs=programs))
        return self.render_to_response(self.get_context_data(form=self.form(), program=self.program))

    def post(self, request, *args, **kwargs):
        if self.program is None:
            raise Http404(_("Choose a program first."))
        form = self.form(request.POST)
        if form.is_valid():
            try:
                activity, count = services.activity_create(
                    program=self.program,
                    created_by=request.user,
                    supervisors=list(form.cleaned_data["supervisors"]),
                    **form.service_fields(),
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The activity is planned: %(count)d day.", "The activity is planned: %(count)d days.", count
                    )
                    % {"count": count},
                )
                return redirect("activities:detail", pk=activity.pk)
        return self.render_to_response(self.get_context_data(form=form, program=self.program), status=400)


class ActivityEditView(ActivityMixin, TemplateView):
    permission = "manage_activities"
    template_name = "activities/scheduling/form.html"

    def form(self, data=None):
        return ActivityForm(data, program=self.activity.program, instance=self.activity)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "activity": self.activity, "program": self.activity.program}

    def get(self, request, *args, **kwargs):
        if self.activity.is_cancelled:
            messages.error(request, _("This activity was cancelled: nothing more can be changed."))
            return redirect("activities:detail", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                result = services.activity_update(
                    activity=self.activity, supervisors=list(form.cleaned_data["supervisors"]), **form.service_fields()
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                message = _("The activity is saved.")
                if result["sent"]:
                    message += " " + ngettext(
                        "%(count)d person is told of the new times or place.",
                        "%(count)d people are told of the new times or place.",
                        result["sent"],
                    ) % {"count": result["sent"]}
                messages.success(request, message)
                return redirect("activities:detail", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActivityDetailView(ActivityMixin, TemplateView):
    template_name = "activities/scheduling/detail.html"

    def get_context_data(self, **kwargs):
        today = _today(self.request)
        return {
            **super().get_context_data(**kwargs),
            "activity": self.activity,
            "today": today,
            "can_manage": has_permission(self.request.access, "manage_activities"),
            **selectors.activity_page(activity=self.activity, today=today),
        }


class ActivityCancelView(ActivityMixin, TemplateView):
    """Cancel the whole activity, with the reason (a page: the reason is asked before anyone is told)."""

    permission = "manage_activities"
    template_name = "activities/scheduling/cancel.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "activity": self.activity}

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ActivityCancelForm()))

    def post(self, request, *args, **kwargs):
        form = ActivityCancelForm(request.POST)
        if form.is_valid():
            try:
                sent = services.activity_cancel(
                    activity=self.activity, reason=form.cleaned_data["reason"], cancelled_by=request.user
                )
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The activity is cancelled; %(count)d person is told.",
                        "The activity is cancelled; %(count)d people are told.",
                        sent,
                    )
                    % {"count": sent},
                )
                return redirect("activities:detail", pk=self.activity.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OccurrenceMixin(SchoolObjectMixin):
    permission = "manage_activities"

    def get_queryset(self):
        return Occurrence.objects.visible_to(self.request.access).select_related("activity__program__school")

    @property
    def occurrence(self):
        return self.object

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "occurrence": self.occurrence,
            "activity": self.occurrence.activity,
        }

    def refuse_if_closed(self):
        occurrence = self.occurrence
        if occurrence.activity.is_cancelled or occurrence.is_cancelled:
            messages.error(self.request, _("This occurrence was cancelled: it can no longer be changed."))
            return redirect("activities:detail", pk=occurrence.activity_id)
        if occurrence.date < _today(self.request):
            messages.error(self.request, _("This occurrence is past: it can no longer be changed."))
            return redirect("activities:detail", pk=occurrence.activity_id)
        return None


class OccurrenceChangeView(OccurrenceMixin, TemplateView):
    """Move one occurrence: another day, time or place; the people concerned are told once."""

    template_name = "activities/scheduling/occurrence_change.html"

    def form(self, data=None):
        o = self.occurrence
        initial = {"date": o.date, "starts_at": o.starts_at, "ends_at": o.ends_at, "place": o.place}
        return OccurrenceChangeForm(data, initial=initial, school=o.activity.program.school)

    def get(self, request, *args, **kwargs):
        return self.refuse_if_closed() or self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        refused = self.refuse_if_closed()
        if refused:
            return refused
        form = self.form(request.POST)
        if form.is_valid():
            try:
                _occurrence, sent = services.occurrence_change(occurrence=self.occurrence, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                if sent:
                    messages.success(
                        request,
                        ngettext(
                            "The day is changed; %(count)d person is told.",
                            "The day is changed; %(count)d people are told.",
                            sent,
                        )
                        % {"count": sent},
                    )
                else:
                    messages.success(request, _("Saved: nothing changed, nobody is told."))
                return redirect("activities:detail", pk=self.occurrence.activity_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OccurrenceCancelView(OccurrenceMixin, TemplateView):
    """Cancel one occurrence, or it and the rest of the series, with the reason; each person is told once."""

    template_name = "activities/scheduling/occurrence_cancel.html"

    def form(self, data=None):
        return OccurrenceCancelForm(data, series=self.occurrence.activity.repeats != "once")

    def get(self, request, *args, **kwargs):
        return self.refuse_if_closed() or self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        refused = self.refuse_if_closed()
        if refused:
            return refused
        form = self.form(request.POST)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if form.cleaned_data["which"] == OccurrenceCancelForm.REST:
                    count, sent = services.series_cancel_from(
                        activity=self.occurrence.activity, day=self.occurrence.date, reason=reason
                    )
                else:
                    count, sent = 1, services.occurrence_cancel(occurrence=self.occurrence, reason=reason)
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(days)d day is cancelled", "%(days)d days are cancelled", count) % {"days": count}
                    + "; "
                    + ngettext("%(count)d person is told.", "%(count)d people are told.", sent) % {"count": sent},
                )
                return redirect("activities:detail", pk=self.occurrence.activity_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ParticipantsView(ActivityMixin, TemplateView):
    """Place people: the confirmed pairs, the whole program group, or one by one. Those who cannot be placed are
    listed with the reason; beyond the capacity people go on the waitlist."""

    permission = "manage_activities"
    template_name = "activities/scheduling/participants.html"

    @cached_property
    def candidates(self):
        return selectors.placement_candidates(activity=self.activity)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PlaceForm(allowed=self.candidates["allowed"]))
        return {
            **context,
            "activity": self.activity,
            "candidates": self.candidates,
            **selectors.activity_page(activity=self.activity, today=_today(self.request)),
        }

    def post(self, request, *args, **kwargs):
        if self.activity.is_cancelled:
            messages.error(request, _("This activity was cancelled: nothing more can be changed."))
            return redirect("activities:detail", pk=self.activity.pk)
        form = PlaceForm(request.POST, allowed=self.candidates["allowed"])
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        source = form.cleaned_data["source"]
        if source == PlaceForm.PAIRS:
            students, how = selectors.pair_students(activity=self.activity), Participant.Source.PAIR
        elif source == PlaceForm.GROUP:
            students, how = selectors.group_students(activity=self.activity), Participant.Source.PROGRAM
        else:
            students, how = list(form.cleaned_data["students"]), Participant.Source.ADDED
        try:
            result = services.participants_place(activity=self.activity, students=students, source=how)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("activities:participants", pk=self.activity.pk)
        messages.success(
            request,
            _("Placed: %(placed)d. On the waitlist: %(waiting)d. Already taking part: %(already)d.")
            % {
                "placed": len(result["placed"]),
                "waiting": len(result["waitlisted"]),
                "already": len(result["already"]),
            },
        )
        for student, reason in result["refused"]:
            messages.warning(
                request, _("%(name)s is not placed: %(reason)s") % {"name": student.full_name, "reason": reason}
            )
        return redirect("activities:participants", pk=self.activity.pk)


class ParticipantRemoveView(SchoolActionView):
    """Staff take someone off an activity; the first on the waitlist takes the place and is told."""

    permission = "manage_activities"

    def get_queryset(self):
        return Participant.objects.visible_to(self.request.access).select_related("activity", "student")

    def perform_action(self):
        promoted = services.participant_withdraw(participant=self.object)
        message = _("%(name)s no longer takes part.") % {"name": self.object.student.full_name}
        if promoted is not None:
            message += " " + _("%(name)s is placed from the waitlist and told.") % {"name": promoted.student.full_name}
        return message

    def get_success_url(self):
        return reverse("activities:participants", kwargs={"pk": self.object.activity_id})


# --- A peer's or focus student's own page --------------------------------------------------------------------


class OwnMixin(SchoolPermissionMixin):
    permission = "view_own_activities"

    @cached_property
    def me(self):
        return own_student_record(access=self.request.access)


class MineView(OwnMixin, TemplateView):
    """A peer's or focus student's own activities and the days to come, and what is open for sign-up."""

    template_name = "activities/scheduling/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.me is None:
            return {**context, "places": [], "open_for_sign_up": []}
        return {
            **context,
            **selectors.own_activities(access=self.request.access, student=self.me, today=_today(self.request)),
        }


class SignUpView(OwnMixin, SchoolActionView):
    """Sign oneself up (or join the waitlist) for an activity open for sign-up."""

    permission = "view_own_activities"

    def get_queryset(self):
        return selectors.activity_queryset(access=self.request.access).select_related("program__school")

    def perform_action(self):
        if self.me is None:
            raise ValidationError(_("Your sign-in is not linked to a student record; ask your coordinator."))
        place = services.sign_up(activity=self.object, student=self.me)
        if place.status == Participant.Status.WAITLISTED:
            return _("It is full: you are on the waitlist for %(title)s. We will email you if a place opens.") % {
                "title": self.object.title
            }
        return _("You are signed up for %(title)s.") % {"title": self.object.title}

    def get_success_url(self):
        return reverse("activities:mine")


class LeaveView(OwnMixin, SchoolActionView):
    """Withdraw from one of one's own activities (or leave its waitlist)."""

    permission = "view_own_activities"

    def get_object(self, queryset=None):
        if self.me is None:
            raise Http404
        place = selectors.own_place(access=self.request.access, student=self.me, activity_pk=self.kwargs["pk"])
        if place is None:
            raise Http404
        return place

    def perform_action(self):
        place = self.object
        if not (place.activity.sign_up_open or place.source == Participant.Source.SIGN_UP):
            raise ValidationError(_("Staff placed you in this activity: ask your coordinator to take you off."))
        services.participant_withdraw(participant=place)
        return _("You have left %(title)s.") % {"title": self.object.activity.title}

    def get_success_url(self):
        return reverse("activities:mine")


# --- The calendar ------------------------------------------------------------------------------------------------


class CalendarView(SchoolPermissionMixin, TemplateView):
    """Week, month and list views. Staff see the school's occurrences (a program's, when chosen); a peer or focus
    student only those of their own activities. Cancelled days are shown struck through with the reason."""

    template_name = "activities/scheduling/calendar.html"

    def dispatch(self, request, *args, **kwargs):
        self.staff = has_permission(request.access, "view_activities")
        self.permission = "view_activities" if self.staff else "view_own_activities"
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        access = self.request.access
        form = CalendarForm(self.request.GET, school=access.school)
        form.is_valid()  # a bad value is ignored: the defaults are shown
        data = form.cleaned_data
        view = data.get("view") or "week"
        day = data.get("date") or _today(self.request)
        program = data.get("program") if self.staff else None
        rng = selectors.calendar_range(view=view, day=day)
        student = None if self.staff else own_student_record(access=access)
        occurrences = []
        if self.staff or student is not None:
            occurrences = list(
                selectors.calendar_occurrences(
                    access=access, start=rng.start, end=rng.end, program=program, student=student
                )
            )
        return {
            **super().get_context_data(**kwargs),
            "rng": rng,
            "view": view,
            "program": program,
            "staff": self.staff,
            "form": form,
            "programs": program_selectors.school_programs(school=access.school) if self.staff else [],
            "days": selectors.calendar_days(rng=rng, occurrences=occurrences),
            "weeks": selectors.calendar_weeks(rng=rng, occurrences=occurrences) if view == "month" else [],
            "today": _today(self.request),
            "views": [("week", _("Week")), ("month", _("Month")), ("list", _("List"))],
            "program_param": f"&program={program.pk}" if program else "",
            "one_day": datetime.timedelta(days=1),
        }
