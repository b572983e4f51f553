"""Forms of social contacts and friendships."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

CONTACT_FIELDS = ("in_school", "out_of_school", "friend")


class StudentsField(forms.TypedMultipleChoiceField):
    """Ids of students on the respondent's list. Anything else (a word, another program's or school's student, a
    made-up id, the respondent themself) is a clear error rather than a 500."""

    def __init__(self, *, nominator_pk: int, **kwargs):
        self.nominator_pk = nominator_pk
        super().__init__(coerce=int, required=False, widget=forms.CheckboxSelectMultiple, **kwargs)

    def validate(self, value):
        if str(self.nominator_pk) in [str(v) for v in value]:
            raise ValidationError(_("You can't name yourself."), code="self")
        for item in value:
            if not self.valid_value(item):
                raise ValidationError(_("One of the names is not on your list. Please try again."), code="forged")


class ContactsForm(forms.Form):
    in_school = StudentsField(nominator_pk=0, label=_("In school"))
    out_of_school = StudentsField(nominator_pk=0, label=_("Out of school"))
    friend = StudentsField(nominator_pk=0, label=_("Is my friend"))

    def __init__(self, *args, candidates, nominator, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.student.pk, c.label) for c in candidates]
        for name in CONTACT_FIELDS:
            self.fields[name].choices = choices
            self.fields[name].nominator_pk = nominator.pk

    def selected(self) -> dict[str, set[int]]:
        return {name: set(self.cleaned_data[name]) for name in CONTACT_FIELDS}


class WindowChoiceForm(forms.Form):
    window = forms.TypedChoiceField(label=_("Survey window"), coerce=int)

    def __init__(self, *args, windows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].choices = [(w.pk, f"{w.name} ({date_format(w.opens_on)})") for w in windows]
        self.fields["window"].error_messages["invalid_choice"] = _("Choose one of the program's survey windows.")
