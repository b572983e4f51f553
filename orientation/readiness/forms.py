"""Input validation for attendance, make-ups, topics covered and the readiness rule. Choices that name rows (students
on the list, topics, staff) come from the object's own school and list only, so an id of anything else is refused as
"not one of the choices" before any service runs."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from schools import selectors as school_selectors
from schools.dates import school_today
from schools.form_fields import STAFF_CHOICE_ERROR, StaffChoiceField, date_fields, not_far_from_today

from ..models import OrientationMeeting, OrientationSettings, OrientationTopic, TopicCoverage

NOT_ON_THE_LIST = _("Someone you chose is not on this list. Reload the page and try again.")
# Grades run from kindergarten (0) to 12: "plainer wording below grade 13" already means every peer.
HIGHEST_GRADE_BOUND = 13


class StudentChoiceField(forms.ModelMultipleChoiceField):
    """Students by the name staff know them by."""

    def label_from_instance(self, student):
        return student.full_name


class AttendanceForm(forms.Form):
    """The exceptions only: everyone on the list is present unless ticked absent."""

    absent = StudentChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label=_("Absent"),
        error_messages={"invalid_choice": NOT_ON_THE_LIST, "invalid_pk_value": NOT_ON_THE_LIST},
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["absent"].queryset = sheet


class MakeupForm(forms.ModelForm):
    students = StudentChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Who it is for"),
        error_messages={
            "required": _("Choose who the make-up meeting is for."),
            "invalid_choice": NOT_ON_THE_LIST,
            "invalid_pk_value": NOT_ON_THE_LIST,
        },
    )

    class Meta:
        model = OrientationMeeting
        fields = ["date", "starts_at", "ends_at", "slot", "place"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, candidates, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["students"].queryset = candidates
        self.fields["students"].help_text = _("Those who were absent or never recorded at the meeting.")
        date_fields(self, "date")
        for name in ("starts_at", "ends_at"):
            self.fields[name].error_messages["invalid"] = _("Enter a time such as 15:30.")
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_date(self):
        value = not_far_from_today(self.cleaned_data["date"], school=self.school)
        if value < school_today(self.school):
            raise ValidationError(_("A make-up meeting is planned for today or later."))
        return value


class CoverageForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Topics covered"),
        error_messages={
            "required": _("Choose the topics that were covered."),
            "invalid_choice": _("Choose topics of your school's library from the list."),
            "invalid_pk_value": _("Choose topics of your school's library from the list."),
        },
    )
    covered_on = forms.DateField(label=_("Covered on"))
    covered_with = StaffChoiceField(
        queryset=None, label=_("Covered with"), error_messages={"invalid_choice": STAFF_CHOICE_ERROR}
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=TopicCoverage._meta.get_field("note").max_length,
        widget=forms.TextInput,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["topics"].queryset = OrientationTopic.objects.in_use().filter(school=school)
        self.fields["covered_with"].queryset = school_selectors.staff_members(school=school)
        date_fields(self, "covered_on")
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_covered_on(self):
        value = not_far_from_today(self.cleaned_data["covered_on"], school=self.school)
        if value > school_today(self.school):
            raise ValidationError(_("A topic is marked covered once it has been: choose today or before."))
        return value


class ReadinessSettingsForm(forms.ModelForm):
    class Meta:
        model = OrientationSettings
        fields = ["not_ready", "younger_peers_below_grade"]
        widgets = {"not_ready": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grade = self.fields["younger_peers_below_grade"]
        grade.validators += [MinValueValidator(0), MaxValueValidator(HIGHEST_GRADE_BOUND)]
        grade.widget.attrs.update(min=0, max=HIGHEST_GRADE_BOUND)
        grade.error_messages["invalid"] = _("Enter a grade as a number, such as 6.")
        self.helper = FormHelper(self)
        self.helper.form_tag = False
