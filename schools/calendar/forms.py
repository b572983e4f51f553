"""Forms of the school calendar: one day or a range, and a file to import. They check what they hold; the services
check the calendar (weekends, terms, days already there)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..form_fields import date_fields, not_far_from_today
from .services import FILE_MAX_BYTES, NAME_MAX


class NonSchoolDayForm(forms.Form):
    first = forms.DateField(label=_("Day (or first day)"))
    last = forms.DateField(
        label=_("Last day"), required=False, help_text=_("For a break of several days; leave empty for one day.")
    )
    name = forms.CharField(label=_("What it is"), max_length=NAME_MAX, help_text=_("e.g. Thanksgiving break"))
    weekdays_only = forms.BooleanField(
        label=_("Weekdays only"), required=False, initial=True, help_text=_("Leave out the Saturdays and Sundays.")
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        date_fields(self, "first", "last")

    def clean_first(self):
        return not_far_from_today(self.cleaned_data["first"], school=self.school)

    def clean_last(self):
        return not_far_from_today(self.cleaned_data.get("last"), school=self.school)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Say what the day is, e.g. Thanksgiving break."))
        return name


class CalendarImportForm(forms.Form):
    file = forms.FileField(
        label=_("Calendar file"),
        help_text=_(
            "A CSV with one day a line as date,name (2026-11-26 or 11/26/2026), or an .ics file exported from the "
            "district's or a Google calendar."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > FILE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1 MB: a calendar of non-school days is much smaller.")
            )
        name = (upload.name or "").lower()
        head = upload.read(4096)
        upload.seek(0)
        if name.endswith((".ics", ".ical", ".ifb", ".icalendar")) or b"BEGIN:VCALENDAR" in head.upper():
            self.kind = "ics"
        elif name.endswith((".csv", ".txt")) or not name.rpartition(".")[1]:
            self.kind = "csv"
        else:
            raise forms.ValidationError(_("Choose a .csv or an .ics file."))
        return upload
