"""Form pieces every app's forms share: the date input, the staff choice field and the "far from today" check.

One copy, so a date is typed, shown and refused the same way on every page of every app.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import school_today

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]
FAR_FROM_TODAY_YEARS = 5  # a date further away than this is a typing mistake (2205 for 2025)
STAFF_CHOICE_ERROR = _("Choose a staff member of your school from the list.")


class DateInput(forms.DateInput):
    """The browser's date picker; the value is written the way the picker reads it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    """A staff member (a user), shown by the name people know them by."""

    def label_from_instance(self, user):
        return user.display_name


def date_fields(form, *names) -> None:
    """Give the form's date fields the date picker, the formats people type, and an example in the error."""
    for name in names:
        field = form.fields[name]
        field.widget = DateInput()
        field.input_formats = DATE_INPUT_FORMATS
        field.error_messages["invalid"] = _("Enter a date such as 2025-09-15.")


def not_far_from_today(value, *, school):
    """``value`` unchanged, or a ValidationError when its year is far from the school's today (a typing mistake
    such as 2205 for 2025 is said, not saved)."""
    if value is not None and abs(value.year - school_today(school).year) > FAR_FROM_TODAY_YEARS:
        raise ValidationError(_("Check the year: %(date)s is far from today.") % {"date": value.isoformat()})
    return value
