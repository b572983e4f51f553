"""Forms of meetings, invitations and answers. The services check again what depends on others' changes
(cancelled, capacity, who may be invited); the forms say what is wrong with what was typed."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schools.dates import school_today
from schools.form_fields import date_fields, not_far_from_today
from schools.models import Student

from ..models import Invitation, OrientationMeeting

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TIME_ERROR = _("Enter a time such as 15:30.")


class MeetingForm(forms.ModelForm):
    """A meeting's date, times, when in the school day, and place."""

    class Meta:
        model = OrientationMeeting
        fields = ["date", "starts_at", "ends_at", "slot", "place"]
        widgets = {"starts_at": TIME_INPUT, "ends_at": TIME_INPUT}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        date_fields(self, "date")
        self.fields["date"].error_messages["required"] = _("Give the date of the meeting.")
        for name in ("starts_at", "ends_at"):
            self.fields[name].error_messages["invalid"] = TIME_ERROR
        self.fields["starts_at"].error_messages["required"] = _("Give the time the meeting starts.")
        self.fields["ends_at"].error_messages["required"] = _("Give the time the meeting ends.")
        self.fields["place"].error_messages["required"] = _("Say where the meeting is (a room, the library).")
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_date(self):
        date = not_far_from_today(self.cleaned_data["date"], school=self.school)
        if date < school_today(self.school) and date != self.initial.get("date"):
            raise ValidationError(_("The meeting cannot be in the past."))
        return date

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned

    def _post_clean(self):
        # The service validates and saves the row (full_clean under the orientation's lock).
        pass


class PersonCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        if isinstance(obj, Student):
            return f"{obj.full_name} ({obj.get_grade_display()})"
        return obj.display_name


CHOICE_ERROR = _("Choose people from the list; the page may be out of date, reload it.")


class InviteForm(forms.Form):
    """Who to invite: the peers with valid consent, their partners (when the audience includes students) and staff,
    each only from what the page offers."""

    peers = PersonCheckboxes(
        label=_("Peers"), queryset=Student.objects.none(), required=False,
        error_messages={"invalid_choice": CHOICE_ERROR, "invalid_pk_value": CHOICE_ERROR},
    )
    partners = PersonCheckboxes(
        label=_("The students they support"), queryset=Student.objects.none(), required=False,
        error_messages={"invalid_choice": CHOICE_ERROR, "invalid_pk_value": CHOICE_ERROR},
    )
    staff = PersonCheckboxes(
        label=_("Staff"), queryset=get_user_model().objects.none(), required=False,
        error_messages={"invalid_choice": CHOICE_ERROR, "invalid_pk_value": CHOICE_ERROR},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peers"].queryset = Student.objects.filter(pk__in=[s.pk for s in candidates["peers"]])
        self.fields["partners"].queryset = Student.objects.filter(pk__in=[s.pk for s in candidates["partners"]])
        self.fields["staff"].queryset = get_user_model().objects.filter(pk__in=[u.pk for u in candidates["staff"]])
        if not candidates["partners"]:
            del self.fields["partners"]
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in ("peers", "partners", "staff") if name in self.fields]
        if not self.errors and not any(c for c in chosen if c):
            raise ValidationError(_("Choose at least one person to invite."))
        return cleaned


class AnswerForm(forms.Form):
    """Yes or no, from the peer's own page (which invitation: one of their own) or the signed link (its own)."""

    response = forms.ChoiceField(
        choices=[(Invitation.Response.YES, _("Yes, I'm coming")), (Invitation.Response.NO, _("No, I can't come"))],
        error_messages={"required": _("Answer yes or no."), "invalid_choice": _("Answer yes or no.")},
    )
    invitation = forms.ModelChoiceField(
        queryset=Invitation.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This is not one of your invitations.")},
    )

    def __init__(self, *args, invitations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if invitations is None:
            del self.fields["invitation"]
        else:
            self.fields["invitation"].queryset = invitations
