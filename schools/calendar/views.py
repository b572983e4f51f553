"""Pages of the school calendar: read with the roster (``view_roster``), changed by those who keep the bell
schedule (``manage_bell_schedule``). Thin: the forms check input, ``services.py`` writes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from ..mixins import SchoolActionView, SchoolPermissionMixin
from ..models import NonSchoolDay
from ..permissions import has_permission
from . import selectors, services
from .forms import CalendarImportForm, NonSchoolDayForm

# Skipped days named one by one in the message; the rest are counted.
SKIPPED_SHOWN = 10


def _tell(request, report: services.Report) -> None:
    count = len(report.added)
    if count:
        messages.success(request, ngettext("%(count)s day added.", "%(count)s days added.", count) % {"count": count})
    else:
        messages.warning(request, _("No day added."))
    for said in report.followed:
        messages.info(request, said)
    if report.skipped:
        shown = report.skipped[:SKIPPED_SHOWN]
        more = len(report.skipped) - len(shown)
        text = _("Skipped: %(days)s") % {"days": " ".join(shown)}
        if more:
            text += " " + _("… and %(count)s more.") % {"count": more}
        messages.warning(request, text)


def _list_url(report: services.Report | None = None) -> str:
    url = reverse("non_school_days")
    if report and report.added and report.added[0].term_id:
        url += f"?term={report.added[0].term_id}"
    return url


class NonSchoolDayListView(SchoolPermissionMixin, TemplateView):
    permission = "view_roster"
    template_name = "schools/calendar/non_school_days.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        terms, term = selectors.calendar_terms(school=access.school)
        asked = self.request.GET.get("term", "")
        term = next((t for t in terms if str(t.pk) == asked), term)
        context.update(
            terms=terms,
            term=term,
            days=selectors.term_non_school_days(access=access, term=term) if term else [],
            can_manage=has_permission(access, "manage_bell_schedule"),
        )
        return context


class NonSchoolDayAddView(SchoolPermissionMixin, FormView):
    permission = "manage_bell_schedule"
    template_name = "schools/calendar/non_school_day_form.html"
    form_class = NonSchoolDayForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.request.access.school}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = services.non_school_days_add(
                school=self.request.access.school,
                first=data["first"],
                last=data["last"],
                name=data["name"],
                weekdays_only=data["weekdays_only"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        _tell(self.request, report)
        return redirect(_list_url(report))


class CalendarImportView(SchoolPermissionMixin, FormView):
    permission = "manage_bell_schedule"
    template_name = "schools/calendar/import.html"
    form_class = CalendarImportForm

    def form_valid(self, form):
        try:
            report = services.non_school_days_import(
                school=self.request.access.school, data=form.cleaned_data["file"].read(), kind=form.kind
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        _tell(self.request, report)
        return redirect(_list_url(report))


class NonSchoolDayDeleteView(SchoolActionView):
    permission = "manage_bell_schedule"
    model = NonSchoolDay

    def perform_action(self):
        day = self.object
        self.term_id = day.term_id
        services.non_school_day_delete(day=day)
        return _("%(day)s taken out of the calendar. Activities already cancelled that day stay cancelled.") % {
            "day": f"{day.date:%a %b %-d, %Y}"
        }

    def get_success_url(self):
        url = reverse("non_school_days")
        return f"{url}?term={self.term_id}" if getattr(self, "term_id", None) else url
