"""Forms of the year playbook and the meeting-agenda builder. Choices come from the active school and the program
only, so a forged id is "not one of the choices" on the form before any service runs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools import selectors as school_selectors
from schools.form_fields import STAFF_CHOICE_ERROR, StaffChoiceField, date_fields

from ..forms import LONG_TEXT, CrispyMixin, _long_text
from ..models import PlaybookStep

OFFSET_LIMIT = 365  # days before or after the school year's first or last day; more is a typing mistake
PICK_ERROR = _("Choose from the list. Reload the page if it changed meanwhile.")


class PlaybookStepForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200, error_messages={"required": _("Name the step.")})
    description = forms.CharField(label=_("What it involves"), required=False)
    owner = StaffChoiceField(
        label=_("Owner"), queryset=None, required=False, error_messages={"invalid_choice": STAFF_CHOICE_ERROR}
    )
    anchor = forms.ChoiceField(
        label=_("Counted from"), choices=PlaybookStep.Anchor.choices,
        error_messages={"invalid_choice": _("Count from the first or the last day of the school year.")},
    )
    offset_days = forms.IntegerField(
        label=_("Days after (negative: before)"), min_value=-OFFSET_LIMIT, max_value=OFFSET_LIMIT,
        error_messages={"required": _("Give a number of days (0 for the day itself)."),
                        "invalid": _("Give a whole number of days, such as 14 or -7.")},
    )
    due_on = forms.DateField(
        label=_("Or set the date by hand"), required=False,
        help_text=_("Leave empty to count the date from the school year. A date set by hand moves with next year's "
                    "start when the playbook is copied."),
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = school_selectors.staff_members(school=access.school)
        _long_text(self, "description")
        date_fields(self, "due_on")
        self.helper = self._helper()


class PlaybookStepAddForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Step"), max_length=200, error_messages={"required": _("Name the step.")})
    description = forms.CharField(label=_("What it involves"), required=False)
    owner = StaffChoiceField(
        label=_("Owner"), queryset=None, required=False, error_messages={"invalid_choice": STAFF_CHOICE_ERROR}
    )
    due_on = forms.DateField(label=_("Due"), error_messages={"required": _("Give the date it is due.")})

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = school_selectors.staff_members(school=access.school)
        _long_text(self, "description")
        date_fields(self, "due_on")
        self.helper = self._helper()


class AgendaForm(forms.Form):
    """Pick the agenda's items from ``programs.selectors.agenda_choices``; what is ticked is composed into text."""

    steps = forms.TypedMultipleChoiceField(
        label=_("From the year playbook (late or due within six weeks)"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": PICK_ERROR},
    )
    action_items = forms.TypedMultipleChoiceField(
        label=_("Open action items"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": PICK_ERROR},
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions for the team (from the guide)"), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": PICK_ERROR},
    )
    other = forms.CharField(
        label=_("Anything else"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT}),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["steps"].choices = choices.step_choices()
        self.fields["action_items"].choices = choices.action_item_choices()
        self.fields["questions"].choices = list(choices.questions)

    def compose_kwargs(self) -> dict:
        """The chosen rows and words, for ``programs.services.agenda_compose``."""
        return self.choices.picked(**self.cleaned_data)
