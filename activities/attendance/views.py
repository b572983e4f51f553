"""Attendance pages: thin views over ``services`` and ``selectors``. Staff pages reach occurrences through the
active school's rows only (another school's is a 404); the check-in page is a peer's or student's own; the kiosk
carries its own secret token and needs no session."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View
from django_ratelimit.core import get_usage

from programs.selectors import program_queryset, program_terms
from schools.dates import school_today
from schools.forms import show_service_error
from schools.mixins import SchoolActionView, SchoolObjectMixin, SchoolPermissionMixin
from schools.peer_safe import shared_name
from schools.permissions import has_permission
from schools.selectors import own_student_record

from ..models import Activity, Attendance, CheckIn, KioskToken
from . import selectors, services
from .forms import AttendanceMarkForm, AttendanceSheetForm, CheckInForm, KioskForm, WalkInDecisionForm
from .qr import qr_svg_data_uri


def kiosk_code_rate(group, request) -> str:
    """Read at request time, so the rate follows settings (and tests can lower it)."""
    return settings.KIOSK_CODE_RATE


class OccurrenceMixin(SchoolObjectMixin):
    permission = "take_activity_attendance"

    def get_queryset(self):
        return selectors.occurrence_queryset(access=self.request.access)

    @property
    def occurrence(self):
        return self.object

    @cached_property
    def sheet(self):
        return selectors.attendance_sheet(occurrence=self.occurrence)

    @cached_property
    def may_correct(self) -> bool:
        return has_permission(self.request.access, "correct_activity_attendance")

    @cached_property
    def window_open(self) -> bool:
        return services.edit_window_open(occurrence=self.occurrence)

    def attendance_url(self) -> str:
        return reverse("activities:attendance", kwargs={"pk": self.occurrence.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occurrence = self.occurrence
        context.update(
            occurrence=occurrence,
            activity=occurrence.activity,
            cancelled=occurrence.is_cancelled or occurrence.activity.is_cancelled,
        )
        return context


class AttendanceView(OccurrenceMixin, FormView):
    """The phone page: everyone expected is present; tap the exceptions (each tap is saved at once by the script;
    without it, one submit saves the list)."""

    template_name = "activities/attendance/attendance.html"
    form_class = AttendanceSheetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sheet": self.sheet, "needs_reason": not self.window_open}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            window_open=self.window_open,
            not_yet=self.occurrence.date > school_today(self.occurrence.activity.program.school),
            may_edit=self.window_open or self.may_correct,
            waiting=list(selectors.waiting_check_ins(occurrence=self.occurrence)),
            mark_url=reverse("activities:attendance_mark", kwargs={"pk": self.occurrence.pk}),
        )
        return context

    def form_valid(self, form):
        try:
            counts = services.attendance_save(
                occurrence=self.occurrence,
                marks=form.marks(),
                by=self.request.user,
                may_correct=self.may_correct,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Attendance saved: %(present)s there, %(absent)s absent.") % counts)
        return HttpResponseRedirect(self.attendance_url())


class AttendanceMarkView(OccurrenceMixin, View):
    """One tap, saved at once (the phone page's script posts here with the CSRF token). Answers JSON."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AttendanceMarkForm(request.POST, sheet=self.sheet)
        if not form.is_valid():
            errors = [str(e) for errors in form.errors.values() for e in errors]
            return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
        student = form.cleaned_data["student"]
        try:
            services.attendance_save(
                occurrence=self.occurrence,
                marks={student: form.mark()},
                by=request.user,
                may_correct=self.may_correct,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return JsonResponse({"ok": False, "error": " ".join(error.messages)}, status=400)
        sheet = selectors.attendance_sheet(occurrence=self.occurrence)
        line = next(line for line in sheet if line.student.pk == student)
        return JsonResponse({"ok": True, "minutes": line.minutes, "message": _("Saved.")})


class AttendanceHistoryView(OccurrenceMixin, TemplateView):
    template_name = "activities/attendance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Attendance.Status.choices)
        context["changes"] = [
            {
                "change": change,
                "before": labels.get(change.before.get("status"), change.before.get("status")),
                "after": labels.get(change.after.get("status"), change.after.get("status")),
            }
            for change in selectors.attendance_history(occurrence=self.occurrence)
        ]
        return context


class WalkInDecideView(SchoolActionView):
    """The supervisor accepts or refuses a walk-in waiting on the attendance page."""

    permission = "take_activity_attendance"

    def get_queryset(self):
        return CheckIn.objects.visible_to(self.request.access).select_related("occurrence__activity", "student")

    def perform_action(self):
        form = WalkInDecisionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose accept or refuse."))
        accept = form.cleaned_data["decision"] == "accept"
        services.walk_in_decide(check_in=self.object, accept=accept, by=self.request.user)
        name = self.object.student.full_name
        return _("%(name)s joins the activity.") % {"name": name} if accept else _("Check-in refused.")

    def get_success_url(self):
        return reverse("activities:attendance", kwargs={"pk": self.object.occurrence_id})


class OccurrenceQRView(OccurrenceMixin, TemplateView):
    """A printable page with the occurrence's QR code, pointing at its check-in page."""

    template_name = "activities/attendance/qr.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(reverse("activities:check_in", kwargs={"pk": self.occurrence.pk}))
        context.update(check_in_url=url, qr=qr_svg_data_uri(url))
        return context


# --- A peer's or student's own check-in (QR code) and their personal code ---


class OwnStudentMixin(SchoolPermissionMixin):
    permission = "view_own_activities"

    @cached_property
    def own_student(self):
        student = own_student_record(access=self.request.access)
        if student is None:
            raise PermissionDenied
        return student


class CheckInView(OwnStudentMixin, FormView):
    """A signed-in peer or student confirms they are here (or leaving)."""

    template_name = "activities/attendance/check_in.html"
    form_class = CheckInForm

    @cached_property
    def occurrence(self):
        return get_object_or_404(selectors.occurrence_queryset(access=self.request.access), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry, row = selectors.own_check_in(occurrence=self.occurrence, student=self.own_student)
        context.update(occurrence=self.occurrence, activity=self.occurrence.activity, entry=entry, row=row)
        return context

    def form_valid(self, form):
        try:
            if form.cleaned_data["action"] == "in":
                entry = services.check_in(occurrence=self.occurrence, student=self.own_student)
                if entry.status == CheckIn.Status.WAITING:
                    message = _("You are not on this activity's list: the supervisor will accept your check-in.")
                else:
                    message = _("You are checked in.")
            else:
                services.check_out(occurrence=self.occurrence, student=self.own_student)
                message = _("You are checked out. Thank you!")
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.request.path)


@method_decorator(never_cache, name="dispatch")
class CheckInCodeView(OwnStudentMixin, TemplateView):
    """A peer's own kiosk code: whether they have one; a new one is shown once, on the answer to the button."""

    template_name = "activities/attendance/check_in_code.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_code"] = hasattr(self.own_student, "check_in_code")
        return context

    def post(self, request, *args, **kwargs):
        code = services.check_in_code_reset(student=self.own_student)
        return self.render_to_response(self.get_context_data(new_code=code, has_code=True))


# --- Kiosks ---


class KioskManageView(SchoolObjectMixin, TemplateView):
    """Staff open a kiosk for an activity (its URL shown once) and revoke the ones open."""

    permission = "take_activity_attendance"
    template_name = "activities/attendance/kiosk_manage.html"

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.access).select_related("program")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(activity=self.object, kiosks=selectors.activity_kiosks(activity=self.object))
        return context

    def post(self, request, *args, **kwargs):
        try:
            _kiosk, token = services.kiosk_open(activity=self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.path)
        url = request.build_absolute_uri(reverse("activities:kiosk", kwargs={"token": token}))
        return self.render_to_response(self.get_context_data(kiosk_url=url))


class KioskRevokeView(SchoolActionView):
    permission = "take_activity_attendance"

    def get_queryset(self):
        return KioskToken.objects.visible_to(self.request.access)

    def perform_action(self):
        services.kiosk_revoke(kiosk=self.object)
        return _("The kiosk is closed: its link no longer works.")

    def get_success_url(self):
        return reverse("activities:kiosk_manage", kwargs={"pk": self.object.activity_id})


@method_decorator(never_cache, name="dispatch")
class KioskView(FormView):
    """The classroom screen: no staff session, only the kiosk's token (a wrong, revoked or forged one is a 404).
    It shows the activity and first names only; a peer picks their name and types their personal code."""

    template_name = "activities/attendance/kiosk.html"
    form_class = KioskForm
    rate_group = "activities.kiosk_code"

    def dispatch(self, request, *args, **kwargs):
        self.kiosk = selectors.kiosk_for_token(kwargs["token"])
        if self.kiosk is None:
            raise Http404
        self.occurrences = list(selectors.kiosk_occurrences(kiosk=self.kiosk))
        self.people = {
            s.pk: shared_name(s) for s in selectors.kiosk_people(kiosk=self.kiosk, occurrences=self.occurrences)
        }
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        people = sorted(self.people.items(), key=lambda item: item[1])
        return {**super().get_form_kwargs(), "occurrences": self.occurrences, "people": people}

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.kiosk.activity, occurrences=self.occurrences, **kwargs)

    def _code_key(self, group, request) -> str:
        # Wrong codes are counted per kiosk and per name chosen: a guesser is stopped on that student's code, while
        # a classroom sharing one address (every kiosk of a school) is not locked out by one child's typos.
        return f"{self.kiosk.pk}:{request.POST.get('student', '')[:20]}"

    def _limited(self) -> bool:
        """Whether this name at this kiosk has used up its wrong codes (raised by ``_count_wrong_code``)."""
        usage = get_usage(self.request, group=self.rate_group, key=self._code_key, rate=kiosk_code_rate, method="POST")
        return usage is not None and usage["count"] >= usage["limit"]

    def _count_wrong_code(self) -> None:
        get_usage(
            self.request, group=self.rate_group, key=self._code_key, rate=kiosk_code_rate, method="POST", increment=True
        )

    def form_valid(self, form):
        if self._limited():
            return render(
                self.request, "activities/attendance/kiosk_limited.html", {"activity": self.kiosk.activity}, status=429
            )
        occurrence = next(o for o in self.occurrences if o.pk == form.cleaned_data["occurrence"])
        student = selectors.kiosk_student(pk=form.cleaned_data["student"])
        if not services.check_in_code_matches(student=student, code=form.cleaned_data["code"]):
            self._count_wrong_code()
            form.add_error("code", _("That code does not match. Try again, or ask the supervisor."))
            return self.form_invalid(form)
        try:
            if form.cleaned_data["action"] == "in":
                services.check_in(occurrence=occurrence, student=student)
                message = _("%(name)s is checked in.")
            else:
                services.check_out(occurrence=occurrence, student=student)
                message = _("%(name)s is checked out. Thank you!")
        except ValidationError as error:
            show_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message % {"name": self.people[student.pk]})
        return HttpResponseRedirect(self.request.path)


# --- Minutes: the guide's first outcomes ---


def _term_now(program, terms):
    """The term a coordinator means when they choose none: the shortest term going on today (the semester rather
    than the school year), else the one that began last."""
    today = school_today(program.school)
    current = [t for t in terms if t.start_date <= today <= t.end_date]
    if current:
        return min(current, key=lambda t: t.end_date - t.start_date)
    begun = [t for t in terms if t.start_date <= today]
    return max(begun, key=lambda t: t.start_date) if begun else (terms[0] if terms else None)


class MinutesView(SchoolObjectMixin, TemplateView):
    """A program's inclusive minutes per focus student per week, distinct peers and each peer's participation."""

    permission = "view_activities"
    template_name = "activities/attendance/minutes.html"

    def get_queryset(self):
        return program_queryset(access=self.request.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        terms = list(program_terms(program=program).order_by("-start_date"))
        chosen = self.request.GET.get("term", "")
        term = next((t for t in terms if str(t.pk) == chosen), None) or _term_now(program, terms)
        weeks, peers, participation = [], [], []
        if term is not None:
            weeks = selectors.inclusive_minutes_by_week(program=program, term=term)
            peers = selectors.distinct_peers_by_focus_student(program=program, term=term)
            participation = selectors.peer_participation(program=program, term=term)
        by_student: dict[int, dict] = {}
        for week in weeks:
            entry = by_student.setdefault(
                week.student_id, {"name": f"{week.first_name} {week.last_name}", "weeks": [], "total": 0}
            )
            entry["weeks"].append(week)
            entry["total"] += week.minutes
        context.update(
            program=program,
            terms=terms,
            term=term,
            minutes_by_student=list(by_student.values()),
            distinct_peers=peers,
            participation=participation,
        )
        return context
