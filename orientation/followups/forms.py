"""Forms of follow-up meetings: notes, an action item, and the agenda picked from the program's agenda choices."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from schools import selectors as school_selectors
from schools.form_fields import STAFF_CHOICE_ERROR, StaffChoiceField, date_fields, not_far_from_today

LONG_TEXT = 4000  # characters, like a planning meeting's notes
PICK_ERROR = _("Choose from the list. Reload the page if it changed meanwhile.")


def _helper(form) -> FormHelper:
    helper = FormHelper(form)
    helper.form_tag = False
    return helper


class FollowupNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": LONG_TEXT}),
        help_text=_("The information shared, the emerging issues discussed and the improvements brainstormed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(self)


class FollowupActionItemForm(forms.Form):
    description = forms.CharField(
        label=_("What needs doing"), max_length=300, error_messages={"required": _("Say what needs doing.")}
    )
    owner = StaffChoiceField(
        label=_("Owner"), queryset=None,
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR, "required": _("Choose who will do it.")},
    )
    due_on = forms.DateField(label=_("Due"), error_messages={"required": _("Give a due date.")})

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = access.school
        self.fields["owner"].queryset = school_selectors.staff_members(school=access.school)
        date_fields(self, "due_on")
        self.helper = _helper(self)

    def clean_due_on(self):
        return not_far_from_today(self.cleaned_data["due_on"], school=self.school)


class FollowupAgendaForm(forms.Form):
    """Ticked from ``programs.selectors.agenda_choices`` of the follow-up's program."""

    steps = forms.TypedMultipleChoiceField(
        label=_("From the year playbook (late or due within six weeks)"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": PICK_ERROR},
    )
    action_items = forms.TypedMultipleChoiceField(
        label=_("Open action items of the program"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": PICK_ERROR},
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions (from the guide)"), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": PICK_ERROR},
    )
    other = forms.CharField(
        label=_("Anything else: information to share, emerging issues"), required=False, max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": LONG_TEXT}),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["steps"].choices = choices.step_choices()
        self.fields["action_items"].choices = choices.action_item_choices()
        self.fields["questions"].choices = list(choices.questions)
