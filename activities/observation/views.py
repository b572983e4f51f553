"""Observation pages: thin views over ``services`` and ``selectors``. Every page reaches occurrences and observations
through the active school's rows only (another school's is a 404); the recording page and the intervals endpoint are
the observer's own (anyone else: 403)."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.permissions import has_permission

from ..models import Observation, ObservationInterval
from . import selectors, services
from .forms import METHOD_HELP, ObservationFilterForm, ObservationStartForm

# The largest body the intervals endpoint reads: 720 intervals with a few peers each fit many times over.
MAX_BODY_BYTES = 256 * 1024


def record_url(observation) -> str:
    return reverse("activities:observation_record", kwargs={"pk": observation.pk})


class ObservationStartView(SchoolObjectMixin, FormView):
    """From an occurrence: choose the focus student, the method and the intervals; or join an observation in
    progress as a second observer."""

    permission = "observe_students"
    template_name = "activities/observation/start.html"
    form_class = ObservationStartForm

    def get_queryset(self):
        return selectors.occurrence_queryset(access=self.request.access)

    @property
    def occurrence(self):
        return self.object

    @cached_property
    def cancelled(self) -> bool:
        return self.occurrence.is_cancelled or self.occurrence.activity.is_cancelled

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "occurrence": self.occurrence}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            occurrence=self.occurrence,
            activity=self.occurrence.activity,
            cancelled=self.cancelled,
            to_join=list(selectors.in_progress_to_join(occurrence=self.occurrence, user=user)),
            own=list(selectors.own_observations_of(occurrence=self.occurrence, user=user)),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            observation = services.observation_start(
                occurrence=self.occurrence,
                student=data["student"],
                observer=self.request.user,
                method=data["method"],
                observe_seconds=data["observe_seconds"],
                record_seconds=data["record_seconds"],
                interval_count=data["interval_count"],
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(record_url(observation))


class ObservationJoinView(SchoolActionView):
    """Join a first observer's record in progress as the second observer: same clock, then the recording page."""

    permission = "observe_students"
    joined = None

    def get_queryset(self):
        return selectors.observation_queryset(access=self.request.access)

    def perform_action(self):
        self.joined = services.observation_join(primary=self.object, observer=self.request.user)
        return _("You are the second observer: tap your answers on the same clock.")

    def get_success_url(self):
        if self.joined is not None:
            return record_url(self.joined)
        return reverse("activities:observation_start", kwargs={"pk": self.object.occurrence_id})


class OwnObservationMixin(SchoolObjectMixin):
    """The observer's own observation (another staff member of the school: 403; another school's: 404)."""

    permission = "observe_students"

    def get_queryset(self):
        return selectors.observation_queryset(access=self.request.access)

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        allowed = user.is_authenticated and has_permission(request.access, self.permission)
        if allowed and self.object.observer_id != user.pk:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ObservationRecordView(OwnObservationMixin, TemplateView):
    """The phone page: the cue of each interval and large buttons for the answers; everything runs in
    static/js/observation.js (answers kept on the device, sent when there is a connection)."""

    template_name = "activities/observation/record.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        observation = self.object
        context.update(
            observation=observation,
            occurrence=observation.occurrence,
            activity=observation.occurrence.activity,
            peers=list(selectors.observation_peers(observation=observation)),
            interactions=ObservationInterval.Interaction.choices,
            engagement=ObservationInterval.Engaged.choices,
            method_help=METHOD_HELP[observation.method],
            momentary=observation.method == Observation.Method.MOMENTARY,
            sync_url=reverse("activities:observation_sync", kwargs={"pk": observation.pk}),
            detail_url=reverse("activities:observation_detail", kwargs={"pk": observation.pk}),
        )
        return context


class ObservationSyncView(OwnObservationMixin, View):
    """The intervals a phone sends (JSON body, or a form's ``payload`` field holding the same JSON). Answers JSON:
    200 with what is stored, 400 with the reason for anything forged (nothing saved), 403 for another observer's."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_BODY_BYTES + 1
        if length > MAX_BODY_BYTES:
            return JsonResponse({"ok": False, "error": _("Too much at once.")}, status=400)
        # The phone sends a JSON body; a form's ``payload`` field holding the same JSON is read too.
        raw = request.body if request.content_type == "application/json" else request.POST.get("payload", "")
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return JsonResponse({"ok": False, "error": _("Not JSON.")}, status=400)
        try:
            counts = services.observation_intervals_save(observation=self.object, by=request.user, payload=payload)
        except PermissionError:
            return JsonResponse({"ok": False, "error": _("Only the observer sends these intervals.")}, status=403)
        except ValidationError as error:
            return JsonResponse({"ok": False, "error": " ".join(error.messages)}, status=400)
        return JsonResponse({"ok": True, **counts})


class ObservationDetailView(SchoolObjectMixin, TemplateView):
    """The results: the measures, the settings, and the inter-observer agreement when a second observer took part."""

    permission = "view_observations"
    template_name = "activities/observation/detail.html"

    def get_queryset(self):
        return selectors.observation_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        observation = self.object
        context.update(
            observation=observation,
            occurrence=observation.occurrence,
            activity=observation.occurrence.activity,
            method_help=METHOD_HELP[observation.method],
            is_observer=observation.observer_id == self.request.user.pk,
            **selectors.observation_results(observation=observation),
        )
        return context


class ObservationListView(SchoolPermissionMixin, TemplateView):
    """The active school's observations, a student's or an occurrence's, with their measures."""

    permission = "view_observations"
    template_name = "activities/observation/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        form = ObservationFilterForm(self.request.GET or None, access=access)
        student = occurrence = None
        rows = []
        if not form.is_bound or form.is_valid():
            data = form.cleaned_data if form.is_bound else {}
            student = data.get("student")
            if data.get("occurrence"):
                occurrences = selectors.occurrence_queryset(access=access)
                occurrence = occurrences.filter(pk=data["occurrence"]).first()
            if occurrence is not None or not data.get("occurrence"):
                rows = selectors.observation_list(access=access, student=student, occurrence=occurrence)
        context.update(form=form, rows=rows, occurrence=occurrence)
        return context
