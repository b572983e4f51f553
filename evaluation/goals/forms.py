"""Goal attainment scaling forms. Every id a form takes (term, IEP goal, raters) is checked against what the page
offered: a forged or another student's id is a message on the form, never a 500 and never saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.form_fields import STAFF_CHOICE_ERROR
from schools.models import IEPGoal

from ..models import GoalRating, GoalScale, RatingPoint
from .selectors import goal_choices
from .services import LEVEL_FIELDS

LEVELS = (-2, -1, 0, 1, 2)
LEVEL_HELP = {
    "level_minus_2": _("Where the student is now."),
    "level_0": _("The expected outcome at the end of the term."),
}


def level_label(level: int) -> str:
    return f"{level:+d}" if level else "0"


POINT_ERROR = _("Choose mid-term or end of term.")
WEIGHT_CHOICES = [(w, str(w)) for w in range(1, 6)]


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Staff members shown by the name people know them by (``schools.form_fields.StaffChoiceField``, several)."""

    def label_from_instance(self, user):
        return user.display_name


class ScaleForm(forms.Form):
    term = forms.ModelChoiceField(
        label=_("Term"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the program's terms.")},
    )
    iep_goal = forms.ChoiceField(
        label=_("IEP goal"),
        help_text=_("Social and communication goals are listed first."),
        error_messages={
            "required": _("Choose the IEP goal this scale measures."),
            "invalid_choice": _("Choose one of this student's own IEP goals."),
        },
    )
    title = forms.CharField(
        label=_("The goal in a few words"),
        max_length=GoalScale._meta.get_field("title").max_length,
        required=False,
        help_text=_("Left empty, the IEP goal's words are used."),
    )
    weight = forms.TypedChoiceField(
        label=_("Weight"),
        choices=WEIGHT_CHOICES,
        coerce=int,
        initial=1,
        help_text=_("1 to 5: how much this goal counts in the T-score."),
        error_messages={"invalid_choice": _("Choose a weight from 1 to 5.")},
    )
    raters = StaffMultipleChoiceField(
        label=_("Who rates it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The coordinator may always rate."),
        error_messages={"invalid_choice": STAFF_CHOICE_ERROR, "invalid_pk_value": STAFF_CHOICE_ERROR},
    )

    def __init__(self, *args, student, staff, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student
        if terms is None:
            del self.fields["term"]
        else:
            self.fields["term"].queryset = terms
        first, others = goal_choices(student)
        self.goals = {str(goal.pk): goal for goal in (*first, *others)}
        self.fields["iep_goal"].choices = [
            ("", "---------"),
            *([(_("Social and communication"), [(str(g.pk), str(g)) for g in first])] if first else []),
            *([(_("Other goals"), [(str(g.pk), str(g)) for g in others])] if others else []),
        ]
        self.fields["raters"].queryset = staff
        for name in LEVEL_FIELDS:
            model_field = GoalScale._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                max_length=model_field.max_length,
                help_text=LEVEL_HELP.get(name, ""),
                error_messages={"required": _("Describe what this level looks like.")},
            )

    def clean_iep_goal(self) -> IEPGoal:
        goal = self.goals.get(self.cleaned_data["iep_goal"])
        if goal is None:  # ChoiceField already refused ids not offered; kept for clarity of the type
            raise forms.ValidationError(_("Choose one of this student's own IEP goals."))
        return goal

    def clean(self):
        cleaned = super().clean()
        goal = cleaned.get("iep_goal")
        if not cleaned.get("title") and goal is not None:
            cleaned["title"] = goal.goal[: self.fields["title"].max_length]
        return cleaned

    def levels(self) -> dict:
        return {name: self.cleaned_data[name] for name in LEVEL_FIELDS}


class LockForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is locked after the term started"),
        max_length=GoalScale._meta.get_field("late_lock_reason").max_length,
        required=False,
        help_text=_("Needed only once the term has started (for example: the program began mid-year)."),
    )


class RateForm(forms.Form):
    point = forms.ChoiceField(
        label=_("When"),
        choices=RatingPoint.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choose mid-term or end of term."),
            "required": _("Choose mid-term or end of term."),
        },
    )
    level = forms.TypedChoiceField(
        label=_("Level reached"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choose one of the five levels, from -2 to +2."),
            "required": _("Choose the level the student reached."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=GoalRating._meta.get_field("note").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you saw (optional)."),
    )

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (str(level), f"{level_label(level)}: {scale.level_text(level)}") for level in LEVELS
        ]
