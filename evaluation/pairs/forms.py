"""Pair health forms: the one-minute check-in (the peer's, the focus student's, the one staff enter with a focus
student), the staff's match problem flag and the follow-up. A value not offered is a message on the form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AnsweredHow, PairCheckIn, SupportMode
from ..symbols import GOING_SYMBOLS

NOTE_MAX = PairCheckIn._meta.get_field("note_to_staff").max_length
FOLLOW_UP_MAX = PairCheckIn._meta.get_field("follow_up_note").max_length


class NoteField(forms.CharField):
    """Line breaks counted once (a browser sends CR LF but counts one character against ``maxlength``)."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class CheckInForm(forms.Form):
    # A hidden field's error would not show beside it: the month is checked in ``clean_month()``, on top of the form.
    month = forms.CharField(widget=forms.HiddenInput, required=False)
    meetings = forms.ChoiceField(
        label=_("How often did you meet this month?"),
        choices=PairCheckIn.Meetings.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often you met."),
            "invalid_choice": _("Choose one of the answers on the list."),
        },
    )
    going = forms.ChoiceField(
        label=_("How is it going?"),
        choices=PairCheckIn.Going.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how it is going."),
            "invalid_choice": _("Choose one of the three answers."),
        },
    )
    note_to_staff = NoteField(
        label=_("Anything to tell staff? (you can skip this)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "autocomplete": "off", "autocapitalize": "sentences", "class": "form-control"}
        ),
        error_messages={"max_length": _("That is too long: the most is %(limit_value)s characters.")},
    )
    match_problem = forms.BooleanField(
        label=_("I'd like help with this partnership"),
        help_text=_("A staff member will talk with you. Only staff see it."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, month: datetime.date, already_raised: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.fields["month"].initial = month.isoformat()
        if already_raised:
            self.fields["match_problem"].disabled = True
            self.fields["match_problem"].initial = True
            self.fields["match_problem"].help_text = _("You asked for help. A staff member will talk with you soon.")

    def clean_month(self):
        try:
            month = datetime.date.fromisoformat(self.cleaned_data["month"])
        except ValueError:
            month = None
        if month != self.month:
            self.add_error(
                None,
                forms.ValidationError(
                    _("A new month has started since you opened this page: check your answers and save again.")
                ),
            )
        return month

    def going_choices(self) -> list[dict]:
        """The three answers with their face and words, for the big buttons."""
        value = self["going"].value()
        return [
            {"value": key, "symbol": GOING_SYMBOLS[key], "checked": value == key, "id": f"{self['going'].auto_id}_{i}"}
            for i, key in enumerate(PairCheckIn.Going.values)
        ]


class SupportedCheckInForm(CheckInForm):
    """Staff enter the focus student's check-in with them: how it was answered, and the support used."""

    answered_how = forms.ChoiceField(
        label=_("How was it answered?"),
        choices=AnsweredHow.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say how the student answered."),
            "invalid_choice": _("Choose one of the answers on the list."),
        },
    )
    support_modes = forms.MultipleChoiceField(
        label=_("Support used"),
        choices=SupportMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("With support: choose every kind used."),
        error_messages={"invalid_choice": _("Choose from the kinds of support on the list.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answered_how") == AnsweredHow.WITH_SUPPORT and not cleaned.get("support_modes"):
            self.add_error("support_modes", _("Choose the support the student used."))
        return cleaned


class FlagForm(forms.Form):
    note = NoteField(
        label=_("What is the problem?"),
        max_length=NOTE_MAX,
        help_text=_("A few words for the coordinator. The email they get only links here."),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={
            "required": _("Say in a few words what the problem is."),
            "max_length": _("That is too long: the most is %(limit_value)s characters."),
        },
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=FOLLOW_UP_MAX,
        help_text=_('e.g. "Met with both at lunch; they will sit together in art. Checking again in two weeks."'),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={
            "required": _("Say in a few words what was done."),
            "max_length": _("That is too long: the most is %(limit_value)s characters."),
        },
    )
