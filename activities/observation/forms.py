"""Forms of the observation pages: starting an observation (the focus student, the method, the interval lengths and
how long), and the list's filter."""

import math

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Observation
from . import selectors

MAX_INTERVALS = 720  # the model's largest number of intervals
MIN_OBSERVE_SECONDS = 3
MIN_RECORD_SECONDS_PARTIAL = 2

METHOD_HELP = {
    Observation.Method.PARTIAL_INTERVAL: _(
        "Partial-interval: mark what happened at any moment during each interval, then record it."
    ),
    Observation.Method.MOMENTARY: _(
        "Momentary time sampling: look only at the moment of the cue and record what is happening right then."
    ),
}


class ObservationStartForm(forms.Form):
    student = forms.TypedChoiceField(
        label=_("Focus student"),
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a focus student placed in this activity.")},
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[(value, METHOD_HELP[value]) for value in Observation.Method.values],
        initial=Observation.Method.PARTIAL_INTERVAL,
        widget=forms.RadioSelect,
    )
    observe_seconds = forms.IntegerField(
        label=_("Observe for (seconds)"),
        initial=10,
        min_value=MIN_OBSERVE_SECONDS,
        max_value=300,
        error_messages={"min_value": _("Observe for at least %(limit_value)s seconds.")},
    )
    record_seconds = forms.IntegerField(
        label=_("Record for (seconds)"),
        initial=5,
        min_value=0,
        max_value=120,
        help_text=_("0 is allowed with momentary time sampling only (you record while the next interval runs)."),
    )
    interval_count = forms.IntegerField(
        label=_("Number of intervals"), required=False, min_value=1, help_text=_("Or give the length in minutes.")
    )
    minutes = forms.IntegerField(label=_("Length (minutes)"), required=False, min_value=1, max_value=600)

    def __init__(self, *args, occurrence, **kwargs):
        super().__init__(*args, **kwargs)
        self.students = {s.pk: s for s in selectors.focus_students_placed(occurrence=occurrence)}
        self.fields["student"].choices = [("", _("Choose…"))] + [(pk, s.full_name) for pk, s in self.students.items()]
        if len(self.students) == 1:
            self.fields["student"].initial = next(iter(self.students))
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_student(self):
        pk = self.cleaned_data["student"]
        if pk not in self.students:
            raise forms.ValidationError(_("Choose a focus student placed in this activity."))
        return self.students[pk]

    def clean(self):
        data = super().clean()
        observe, record = data.get("observe_seconds"), data.get("record_seconds")
        count, minutes = data.get("interval_count"), data.get("minutes")
        if observe is None or record is None:
            return data
        if record < MIN_RECORD_SECONDS_PARTIAL and data.get("method") == Observation.Method.PARTIAL_INTERVAL:
            self.add_error(
                "record_seconds",
                _("Partial-interval recording needs at least %(n)s seconds to record.")
                % {"n": MIN_RECORD_SECONDS_PARTIAL},
            )
        if count is None and minutes is None:
            self.add_error("interval_count", _("Give the number of intervals or the length in minutes."))
            return data
        if count is not None and minutes is not None:
            self.add_error("minutes", _("Give the number of intervals or the length in minutes, not both."))
            return data
        if count is None:
            count = math.ceil(minutes * 60 / (observe + record))
        if count > MAX_INTERVALS:
            self.add_error(
                "interval_count" if data.get("interval_count") else "minutes",
                _("That is %(count)s intervals: at most %(max)s. Choose longer intervals or a shorter time.")
                % {"count": count, "max": MAX_INTERVALS},
            )
            return data
        data["interval_count"] = count
        return data


class ObservationFilterForm(forms.Form):
    student = forms.TypedChoiceField(label=_("Student"), coerce=int, required=False, empty_value=None)
    # From an occurrence's page: its observations only (an id not of the school finds none).
    occurrence = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].choices = [("", _("All students"))] + [
            (s.pk, s.full_name) for s in selectors.observed_students(access=access)
        ]
