"""Forms of scheduling: an activity (its kind and when it happens), changing or cancelling occurrences, placing
participants, and the filters of the list. The forms say what is wrong with what was typed; the services check again
what depends on others' changes (cancelled, capacity, consent, readiness)."""

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from programs import selectors as program_selectors
from schools import selectors as school_selectors
from schools.dates import school_today
from schools.form_fields import STAFF_CHOICE_ERROR, date_fields, not_far_from_today
from schools.models import Student, Term

from ..models import INCLUSIVE_BY_DEFAULT, Activity, Kind, Repeats
from . import selectors

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TIME_ERROR = _("Enter a time such as 15:30.")
CHOICE_ERROR = _("Choose from the list; the page may be out of date, reload it.")
WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday"))]

# The guide's words for each kind, shown under the kind on the form.
KIND_HELP = _(
    "Inclusive class: peers in the same general-education class give occasional support. Lunch group or recess: "
    "time together at lunch or recess. Inclusive event: a field trip, field day, celebration, recreational "
    "activity, assembly or awareness event such as Inclusive Schools Week. Club meeting: an extracurricular club or "
    "activity, often once a month. Unified sports: a team per season with athletes and partners in about equal "
    "numbers, and a trained coach. Special-education classroom period: a peer spends one period a day with students "
    "in a special-education classroom."
)
INCLUSIVE_CHOICES = [("", _("The usual rule of its kind")), ("yes", _("Yes, it counts")), ("no", _("No, it does not"))]


def inclusive_help() -> str:
    counted = [str(label) for value, label in Kind.choices if INCLUSIVE_BY_DEFAULT.get(value, True)]
    not_counted = [str(label) for value, label in Kind.choices if not INCLUSIVE_BY_DEFAULT.get(value, True)]
    return str(
        _(
            "Whether time here counts toward a focus student's minutes in inclusive settings. By default %(yes)s "
            "count; %(no)s does not (time together, but not an inclusive setting for the student)."
        )
        % {"yes": ", ".join(counted), "no": ", ".join(not_counted)}
    )


class PersonChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        if isinstance(obj, Student):
            return f"{obj.full_name} ({obj.get_kind_display()})"
        return obj.display_name


class PeriodChoice(forms.ModelChoiceField):
    def label_from_instance(self, period):
        return f"{period.schedule.term.name} · {period.name} ({period.starts_at:%H:%M}–{period.ends_at:%H:%M})"


class ActivityForm(forms.ModelForm):
    """An activity: what it is (the form shows the fields of its kind), when (once, every school day, weekly on
    chosen days or monthly, on a period of the bell schedule or at its own times), where, who supervises, how many."""

    inclusive = forms.ChoiceField(label=_("Inclusive setting"), choices=INCLUSIVE_CHOICES, required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weekly: the school days it meets."),
        error_messages={"invalid_choice": _("Choose school days from Monday to Friday.")},
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "event_type",
            "description",
            "season",
            "coach_name",
            "coach_trained_on",
            "term",
            "repeats",
            "weekdays",
            "period",
            "starts_at",
            "ends_at",
            "first_date",
            "last_date",
            "place",
            "supervisors",
            "capacity",
            "sign_up_open",
        ]
        widgets = {"starts_at": TIME_INPUT, "ends_at": TIME_INPUT, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kind": KIND_HELP,
            "event_type": _("Students with and without disabilities usually plan events together, so they are fun."),
            "season": _("Unified sports: the season of this team (e.g. Fall 2026 basketball)."),
            "coach_trained_on": _("The date the coach completed the unified sports training."),
            "period": _("A period of the term's bell schedule; or leave empty and give its own times."),
            "starts_at": _("Its own times (before or after school, an event): when no period is chosen."),
            "place": _("A room, the cafeteria, the gym, or where the bus leaves for a field trip."),
            "capacity": _("Leave empty for no limit. Beyond it, people go on the waitlist."),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        school = program.school
        self.fields["term"].queryset = program_selectors.program_terms(program=program).order_by("start_date")
        self.fields["term"].error_messages.update(required=_("Choose the term."), invalid_choice=CHOICE_ERROR)
        self.fields["period"] = PeriodChoice(
            label=_("Period"),
            queryset=selectors.period_choices(program=program),
            required=False,
            help_text=self.fields["period"].help_text,
            error_messages={"invalid_choice": CHOICE_ERROR},
        )
        self.fields["supervisors"] = PersonChoice(
            label=_("Supervising staff"),
            queryset=school_selectors.staff_members(school=school),
            required=False,
            error_messages={"invalid_choice": STAFF_CHOICE_ERROR, "invalid_pk_value": STAFF_CHOICE_ERROR},
        )
        self.fields["inclusive"].help_text = inclusive_help()
        date_fields(self, "first_date", "last_date", "coach_trained_on")
        for name in ("starts_at", "ends_at"):
            self.fields[name].error_messages["invalid"] = TIME_ERROR
        self.fields["title"].error_messages["required"] = _("Give the activity a title.")
        self.fields["first_date"].error_messages["required"] = _("Give the first day.")
        self.fields["capacity"].error_messages["invalid"] = _("Give the number of places as a whole number.")
        self.fields["last_date"].help_text = _("Empty: the end of the term.")
        if self.instance.pk:
            override = self.instance.inclusive_override
            self.initial["inclusive"] = "" if override is None else ("yes" if override else "no")
        else:
            today = school_today(school)
            current = [t for t in self.fields["term"].queryset if t.start_date <= today <= t.end_date]
            if current:
                self.initial.setdefault("term", current[0].pk)
                self.initial.setdefault("first_date", today)
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_first_date(self):
        return not_far_from_today(self.cleaned_data["first_date"], school=self.program.school)

    def clean_last_date(self):
        return not_far_from_today(self.cleaned_data.get("last_date"), school=self.program.school)

    def clean(self):
        cleaned = super().clean()
        kind, repeats = cleaned.get("kind"), cleaned.get("repeats")
        term: Term | None = cleaned.get("term")
        period = cleaned.get("period")
        if kind == Kind.INCLUSIVE_EVENT and not cleaned.get("event_type"):
            self.add_error("event_type", _("Choose the type of event."))
        if kind == Kind.UNIFIED_SPORTS and not cleaned.get("season"):
            self.add_error("season", _("Unified sports teams are formed per season: name the season."))
        if repeats == Repeats.WEEKLY and not cleaned.get("weekdays") and "weekdays" not in self.errors:
            self.add_error("weekdays", _("Choose at least one school day of the week."))
        if period is not None and term is not None and not selectors.period_in_force(period=period, term=term):
            self.add_error("period", _("Choose a period of this term's bell schedule."))
        if period is None and "starts_at" not in self.errors and "ends_at" not in self.errors:
            starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
            if starts is None or ends is None:
                self.add_error(
                    "starts_at", _("Choose a period of the bell schedule, or give the times it starts and ends.")
                )
            elif ends <= starts:
                self.add_error("ends_at", _("It must end after it starts."))
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if term is not None and first is not None and not (term.start_date <= first <= term.end_date):
            self.add_error(
                "first_date",
                _("Choose a first day inside the term (%(start)s to %(end)s).")
                % {"start": term.start_date.isoformat(), "end": term.end_date.isoformat()},
            )
        elif first and last and last < first:
            self.add_error("last_date", _("The last day must be on or after the first day."))
        elif term is not None and last and last > term.end_date:
            self.add_error(
                "last_date",
                _("The last day must be inside the term (it ends %(end)s).") % {"end": term.end_date.isoformat()},
            )
        inclusive = cleaned.get("inclusive")
        cleaned["inclusive_override"] = None if not inclusive else inclusive == "yes"
        return cleaned

    def _post_clean(self):
        # The service validates and saves (full_clean under the activity's lock).
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "supervisors"}
        data["weekdays"] = sorted(set(data.get("weekdays") or []))
        data["inclusive_override"] = self.cleaned_data["inclusive_override"]
        for name in ("event_type", "description", "season", "coach_name", "place"):
            data[name] = data.get(name) or ""
        return data


class OccurrenceChangeForm(forms.Form):
    date = forms.DateField(label=_("Date"))
    starts_at = forms.TimeField(label=_("Starts"), widget=TIME_INPUT)
    ends_at = forms.TimeField(label=_("Ends"), widget=TIME_INPUT)
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Empty: the activity's usual place.")
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        date_fields(self, "date")
        self.fields["date"].error_messages["required"] = _("Give the date.")
        for name in ("starts_at", "ends_at"):
            self.fields[name].error_messages.update(invalid=TIME_ERROR, required=_("Give the time."))
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_date(self):
        date = not_far_from_today(self.cleaned_data["date"], school=self.school)
        if date < school_today(self.school):
            raise forms.ValidationError(_("Choose a day from today on."))
        return date

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("It must end after it starts."))
        return cleaned


class OccurrenceCancelForm(forms.Form):
    ONE, REST = "one", "rest"
    which = forms.ChoiceField(
        label=_("Cancel"),
        choices=[(ONE, _("This day only")), (REST, _("This day and every later one of the series"))],
        widget=forms.RadioSelect,
        initial=ONE,
        error_messages={"required": _("Choose what to cancel."), "invalid_choice": _("Choose what to cancel.")},
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        help_text=_("Sent to the people taking part and shown on the calendar."),
        error_messages={"required": _("Say why it is cancelled: the people taking part are told.")},
    )

    def __init__(self, *args, series=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not series:
            self.fields["which"].choices = self.fields["which"].choices[:1]
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why it is cancelled: the people taking part are told."))
        return reason


class ActivityCancelForm(forms.Form):
    reason = OccurrenceCancelForm.base_fields["reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    clean_reason = OccurrenceCancelForm.clean_reason


class PlaceForm(forms.Form):
    """Who to place: the confirmed pairs, the whole program group, or people chosen one by one (from those the page
    offers: peers without consent, or not ready under a blocking rule, are listed apart, not offered)."""

    PAIRS, GROUP, CHOSEN = "pairs", "group", "chosen"
    source = forms.ChoiceField(
        label=_("Place"),
        choices=[
            (PAIRS, _("Every confirmed pair of the term")),
            (GROUP, _("The whole program group")),
            (CHOSEN, _("The people ticked below")),
        ],
        widget=forms.RadioSelect,
        initial=CHOSEN,
        error_messages={"required": _("Choose whom to place."), "invalid_choice": _("Choose whom to place.")},
    )
    students = PersonChoice(
        label=_("People of the program"),
        queryset=Student.objects.none(),
        required=False,
        error_messages={"invalid_choice": CHOICE_ERROR, "invalid_pk_value": CHOICE_ERROR},
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        warnings = {s.pk: w for s, w in allowed if w}
        self.fields["students"].queryset = Student.objects.filter(pk__in=[s.pk for s, _w in allowed]).order_by(
            "kind", "last_name", "first_name"
        )
        # A peer placed under the "warn" rule: the warning is beside the name, before the box is ticked.
        self.fields["students"].label_from_instance = lambda s: " — ".join(
            filter(None, [f"{s.full_name} ({s.get_kind_display()})", warnings.get(s.pk, "")])
        )
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == self.CHOSEN and not cleaned.get("students") and "students" not in self.errors:
            self.add_error("students", _("Tick at least one person, or choose the pairs or the whole group."))
        return cleaned


class ActivityFilter(django_filters.FilterSet):
    """The list's filters: program, kind, term (none of them a person's data)."""

    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=None, empty_label=_("Every program"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices, empty_label=_("Every kind"))
    term = django_filters.ModelChoiceFilter(label=_("Term"), queryset=None, empty_label=_("Every term"))

    class Meta:
        model = Activity
        fields = ["program", "kind", "term"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].queryset = program_selectors.school_programs(school=school)
        self.filters["term"].queryset = school_selectors.terms(school=school, newest_first=True)


class CalendarForm(forms.Form):
    """The calendar's query string: the view, a day, and (staff) a program."""

    view = forms.ChoiceField(choices=[(v, v) for v in selectors.VIEWS], required=False)
    date = forms.DateField(required=False)
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, required=False, empty_label=_("Every program"))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = program_selectors.school_programs(school=school)
