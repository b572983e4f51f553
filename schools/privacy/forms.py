"""Forms of the records pages. Student choices come from the active school only (another school's id is invalid)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..form_fields import DateInput
from .models import Disclosure, InspectionRequest


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.last_name}, {obj.short_name} ({obj.get_grade_display()})"


class DisclosureFilterForm(forms.Form):
    """Filter the disclosures by student: the select sends the student's id, never a name."""

    student = StudentChoiceField(label=_("Student"), queryset=None, required=False, empty_label=_("Every student"))

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students


class DisclosureForm(forms.ModelForm):
    student = StudentChoiceField(label=_("Student"), queryset=None)

    class Meta:
        model = Disclosure
        fields = ["student", "recipient", "purpose", "what"]
        help_texts = {
            "purpose": _("Why it was given, e.g. the district's annual program report."),
            "what": _("e.g. a report sent to the district office, an export given to a parent."),
        }

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students
        for name in ("recipient", "purpose", "what"):
            self.fields[name].strip = True


class InspectionRequestForm(forms.ModelForm):
    student = StudentChoiceField(label=_("Student"), queryset=None)

    class Meta:
        model = InspectionRequest
        fields = ["student", "requested_by", "relationship", "contact", "received_on", "notes"]
        widgets = {
            "received_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "requested_by": _("The parent, guardian or eligible student asking to see the records."),
            "contact": _("An email address or phone number."),
            "received_on": _("The records must be provided within 45 days of this date."),
        }

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students


class CloseRequestForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (InspectionRequest.Status.FULFILLED, _("Records provided")),
            (InspectionRequest.Status.WITHDRAWN, _("Withdrawn")),
        ]
    )


class StudentExportForm(forms.Form):
    """Exporting a child's data: kept inside the school, or given to someone outside it (then it is a disclosure)."""

    INSIDE, OUTSIDE = "inside", "outside"
    given_to = forms.ChoiceField(
        label=_("Who is the export for?"),
        widget=forms.RadioSelect,
        choices=[
            (INSIDE, _("The school's own use (it stays in the school)")),
            (OUTSIDE, _("Someone outside the school, e.g. a parent or the district office")),
        ],
        initial=INSIDE,
    )
    recipient = forms.CharField(label=_("Given to"), max_length=200, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("given_to") == self.OUTSIDE:
            for name, message in (
                ("recipient", _("Say who the export is given to.")),
                ("purpose", _("Say why the export is given.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        else:
            data["recipient"] = data["purpose"] = ""
        return data


class GuardianLinkForm(forms.Form):
    guardian = forms.ModelChoiceField(
        label=_("Send the link to"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, guardians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = guardians
        self.fields["guardian"].label_from_instance = lambda g: f"{g.name} ({g.relationship or g.email})"
