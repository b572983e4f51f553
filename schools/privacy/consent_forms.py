"""The consent record form on a student's page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..dates import school_today
from ..form_fields import DateInput
from .models import ConsentRecord


class ConsentRecordForm(forms.ModelForm):
    class Meta:
        model = ConsentRecord
        fields = ["scope", "given_by", "relationship", "given_on", "method", "expires_on"]
        widgets = {
            "given_on": DateInput(),
            "expires_on": DateInput(),
        }
        error_messages = {
            "given_by": {"required": _("Write the name of the parent or guardian who consented.")},
            "given_on": {"invalid": _("Enter the date as YYYY-MM-DD.")},
            "expires_on": {"invalid": _("Enter the date as YYYY-MM-DD.")},
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # "In the future" is counted at the school's today, as every consent date is (not the server's).
        self.school = school

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > school_today(self.school):
            raise forms.ValidationError(_("The date consent was given cannot be in the future."))
        return given_on

    def clean(self):
        cleaned = super().clean()
        given_on, expires_on = cleaned.get("given_on"), cleaned.get("expires_on")
        if given_on and expires_on and expires_on < given_on:
            self.add_error("expires_on", _("The consent cannot end before the date it was given."))
        return cleaned
