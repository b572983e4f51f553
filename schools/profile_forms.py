"""Forms for the roster's student profiles: what coordinators and specialists type that no SIS holds."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import BehaviorNote, BellSchedule, Guardian, IEPGoal, PeerPreference, Period, Student, Weekday

TEXT_LIMIT = 4000


FOCUS_FIELDS = [
    "preferred_name",
    "grade",
    "homeroom",
    "participation",
    "interests",
    "strengths",
    "school_involvement",
    "speech",
    "aac_device",
    "complex_communication_needs",
    "communication",
    "how_to_help",
    "support_needs",
    "activities_wanted",
    "support_preferred",
    "support_not_wanted",
    "cultural_considerations",
]
PEER_FIELDS = [
    "preferred_name",
    "grade",
    "homeroom",
    "participation",
    "interests",
    "strengths",
    "school_involvement",
    "prior_experience",
    "family_connection",
]


class StudentProfileForm(forms.ModelForm):
    """The fields depend on the kind of student: a focus student's profile, or a peer's."""

    class Meta:
        model = Student
        fields = [*sorted(set(FOCUS_FIELDS) | set(PEER_FIELDS)), "directory_opt_out", "support_team"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "interests", "strengths", "school_involvement", "communication", "how_to_help", "support_needs",
                "activities_wanted", "support_preferred", "support_not_wanted", "cultural_considerations",
                "prior_experience",
            )
        }

    support_team = forms.ModelMultipleChoiceField(
        label=_("Support team"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff who work with this student. Besides you and the principal, only they see the "
                    "confidential record."),
    )

    def __init__(self, *args, staff=None, directory=False, **kwargs):
        """``directory``: the person may set the family's directory opt-out (coordinator, principal)."""
        super().__init__(*args, **kwargs)
        keep = list(FOCUS_FIELDS if self.instance.is_focus_student else PEER_FIELDS)
        if directory:
            keep.append("directory_opt_out")
        if staff is not None and self.instance.is_focus_student:
            self.fields["support_team"].queryset = staff
            keep.append("support_team")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.order_fields(keep)
        if "grade" in self.fields:
            # The select offers the school's grades; another grade is still refused by the model, saying why.
            self.fields["grade"].widget.choices = self.instance.school.grade_choices
        # Text areas have no length in the database; a profile note longer than this is a paste gone wrong.
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not field.max_length:
                field.max_length = TEXT_LIMIT
                field.widget.attrs["maxlength"] = TEXT_LIMIT
                field.validators.append(MaxLengthValidator(TEXT_LIMIT))


def limited_text(rows=3):
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), max_length=TEXT_LIMIT)


class IEPGoalForm(forms.ModelForm):
    goal = limited_text()

    class Meta:
        model = IEPGoal
        fields = ["domain", "goal", "settings_for_peer_support"]


class BehaviorNoteForm(forms.ModelForm):
    what_it_may_communicate = limited_text()
    how_to_respond = limited_text()

    class Meta:
        model = BehaviorNote
        fields = ["behavior", "what_it_may_communicate", "how_to_respond"]


class GuardianForm(forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "relationship", "email", "phone", "language", "is_primary"]


class PeerPreferenceForm(forms.ModelForm):
    """The peer list holds only peers of the same school: a forged id from another school is refused."""

    class Meta:
        model = PeerPreference
        fields = ["kind", "peer", "group", "note"]

    def __init__(self, *args, peers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = peers
        self.fields["peer"].empty_label = _("(a group instead)")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("peer") and not (cleaned.get("group") or "").strip():
            raise forms.ValidationError(_("Choose a peer or describe a group."))
        return cleaned


class AvailabilityForm(forms.Form):
    """A peer's free periods as a grid of checkboxes: one field per weekday, the periods as choices."""

    def __init__(self, *args, periods, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        choices = [(str(p.pk), f"{p.name} ({p.starts_at:%H:%M})") for p in self.periods]
        for weekday in Weekday:
            self.fields[f"day_{weekday.value}"] = forms.MultipleChoiceField(
                label=weekday.label,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[str(a.period_id) for a in current if a.weekday == weekday.value],
            )

    def slots(self) -> set[tuple[int, int]]:
        """(period id, weekday) pairs chosen."""
        return {
            (int(period_id), weekday.value)
            for weekday in Weekday
            for period_id in self.cleaned_data.get(f"day_{weekday.value}", [])
        }


class PeriodForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ["order", "name", "kind", "starts_at", "ends_at"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }



class BellScheduleForm(forms.ModelForm):
    """A new bell schedule for one of the active school's terms (another school's term is not a choice)."""

    class Meta:
        model = BellSchedule
        fields = ["term", "name"]

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
