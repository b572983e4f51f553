"""Matching forms: the program's network sizes, and a pairing by hand (choices limited to the program's people)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from schools.models import Student

from ..models import MatchingSettings
from . import selectors


class MatchingSettingsForm(forms.ModelForm):
    class Meta:
        model = MatchingSettings
        fields = ["peer_capacity", "min_peers_per_student", "max_peers_per_student"]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_peers_per_student"), data.get("max_peers_per_student")
        if low is not None and high is not None and low > high:
            raise ValidationError(_("The most peers per student must not be fewer than the least."))
        return data


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.get_grade_display()})"


class HandPairingForm(forms.Form):
    """Only the program's own focus students and peers can be chosen: a forged id is "not one of the choices"."""

    focus_student = StudentChoiceField(label=_("Student"), queryset=Student.objects.none())
    peer = StudentChoiceField(label=_("Peer"), queryset=Student.objects.none())

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_student"].queryset = selectors.participants(program=program, kind=Student.Kind.FOCUS)
        self.fields["peer"].queryset = selectors.participants(program=program, kind=Student.Kind.PEER)
