"""Input validation for the facilitation log and support changes, with clear messages. The IEP goals offered are the
student's own, and only to someone who may see them: a forged goal id, or goals sent without the right, are a field
error and nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..guide_strategies import GUIDE_STRATEGIES
from ..models import AdultSupport, FacilitationLog, SupportChange

COUNT_MAX = 200


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_domain_display()}: {obj.goal}"


def _interaction_count(label) -> forms.IntegerField:
    """A count of interactions: empty is 0, with messages a person filling it in on a phone understands."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=COUNT_MAX,
        required=False,
        error_messages={
            "min_value": _("Enter 0 or more."),
            "max_value": _("Enter at most %(limit_value)s."),
            "invalid": _("Enter a whole number."),
        },
    )


class FacilitationLogForm(forms.Form):
    strategies = forms.MultipleChoiceField(
        label=_("Strategies you used (the guide's Figure 1)"),
        choices=[(key, wording) for key, wording, _plain in GUIDE_STRATEGIES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose strategies from the guide's list.")},
    )
    adult_support = forms.ChoiceField(
        label=_("How close did you stay?"),
        choices=AdultSupport.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how close you stayed."),
            "invalid_choice": _("Choose close, nearby or faded."),
        },
    )
    initiations_by_student = _interaction_count(_("Interactions started by the student"))
    initiations_by_peers = _interaction_count(_("Interactions started by peers"))
    interaction_quality = forms.TypedChoiceField(
        label=_("Quality of the interactions"),
        choices=[("", _("Not rated")), *FacilitationLog.Quality.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a rating from 1 to 4.")},
    )
    goals = GoalChoiceField(
        label=_("IEP goals practised"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose goals from this student's own IEP goals.")},
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, goals=None, **kwargs):
        """``goals``: the student's IEP goals when this person may see them, else None (no goal field: goals sent
        anyway are refused)."""
        super().__init__(*args, **kwargs)
        self.shows_goals = goals is not None
        if goals is None:
            del self.fields["goals"]
        else:
            self.fields["goals"].queryset = goals
            # Ids are checked against the student's goals, never an invalid pk (a 500 on PostgreSQL).
            self.fields["goals"].error_messages["invalid_pk_value"] = _(
                "Choose goals from this student's own IEP goals."
            )

    def clean(self):
        cleaned = super().clean()
        sent = self.data.getlist("goals") if hasattr(self.data, "getlist") else self.data.get("goals")
        if not self.shows_goals and sent:
            self.add_error(None, _("You cannot record IEP goals for this student."))
        return cleaned

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "strategies": data["strategies"],
            "adult_support": data["adult_support"],
            "initiations_by_student": data["initiations_by_student"] or 0,
            "initiations_by_peers": data["initiations_by_peers"] or 0,
            "interaction_quality": data["interaction_quality"],
            "goals": data["goals"] if self.shows_goals else None,
            "note": data["note"],
        }

    def strategy_rows(self):
        """The checkboxes with the guide's wording and the plain label, for the template."""
        plain = {key: p for key, _w, p in GUIDE_STRATEGIES}
        return [{"widget": widget, "plain": plain[widget.data["value"]]} for widget in self["strategies"]]


class SupportChangeForm(forms.ModelForm):
    class Meta:
        model = SupportChange
        fields = ["date", "kind", "what"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        error_messages = {
            "date": {"required": _("Enter the date of the change."), "invalid": _("Enter a date like 2026-03-02.")},
            "what": {"required": _("Say what changed.")},
            "kind": {"invalid_choice": _("Choose the kind of change.")},
        }
