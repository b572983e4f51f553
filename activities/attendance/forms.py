"""Input validation for attendance, the per-tap mark, walk-in decisions, check-in and the kiosk. Choices that name
rows (students, occurrences) are limited to the rows the page offers, so a forged id is a field error, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Attendance

MISSED_MAX = 600


def _field_name(prefix: str, student_pk: int) -> str:
    return f"{prefix}-{student_pk}"


class AttendanceSheetForm(forms.Form):
    """The whole list in one plain submit (the page without JavaScript): a status, minutes missed and a note per
    person; a reason when the supervisor's 7 days are over."""

    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)

    def __init__(self, *args, sheet, needs_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.needs_reason = needs_reason
        self.fields["reason"].required = needs_reason
        self.fields["reason"].error_messages["required"] = _("Say why you change attendance after 7 days.")
        for line in sheet:
            pk = line.student.pk
            self.fields[_field_name("status", pk)] = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": line.student.full_name},
                choices=Attendance.Status.choices,
                initial=line.status,
            )
            self.fields[_field_name("missed", pk)] = forms.IntegerField(
                label=_("Minutes missed"),
                min_value=0,
                max_value=MISSED_MAX,
                required=False,
                initial=line.minutes_missed,
            )
            self.fields[_field_name("note", pk)] = forms.CharField(
                label=_("Note"), max_length=300, required=False, initial=line.note
            )

    def rows(self):
        """The sheet's lines with their bound fields, for the template."""
        return [
            {
                "line": line,
                "status": self[_field_name("status", line.student.pk)],
                "missed": self[_field_name("missed", line.student.pk)],
                "note": self[_field_name("note", line.student.pk)],
            }
            for line in self.sheet
        ]

    def marks(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            line.student.pk: {
                "status": data[_field_name("status", line.student.pk)],
                "minutes_missed": data[_field_name("missed", line.student.pk)] or 0,
                "note": data[_field_name("note", line.student.pk)],
            }
            for line in self.sheet
        }


class AttendanceMarkForm(forms.Form):
    """One tap on the phone page: one person's mark, saved at once by static/js/activity-attendance.js."""

    student = forms.TypedChoiceField(coerce=int, choices=())
    status = forms.ChoiceField(choices=Attendance.Status.choices)
    minutes_missed = forms.IntegerField(min_value=0, max_value=MISSED_MAX, required=False)
    note = forms.CharField(max_length=300, required=False)
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].choices = [(line.student.pk, line.student.full_name) for line in sheet]

    def mark(self) -> dict:
        data = self.cleaned_data
        return {"status": data["status"], "minutes_missed": data["minutes_missed"] or 0, "note": data["note"]}


class WalkInDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("refuse", _("Refuse"))])


class CheckInForm(forms.Form):
    action = forms.ChoiceField(choices=[("in", _("Check in")), ("out", _("Check out"))])


class KioskForm(forms.Form):
    """A peer at the kiosk: today's occurrence (when there are several), their first name, their personal code."""

    occurrence = forms.TypedChoiceField(label=_("Activity"), coerce=int, choices=())
    student = forms.TypedChoiceField(label=_("Your first name"), coerce=int, choices=())
    code = forms.CharField(
        label=_("Your check-in code"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    action = forms.ChoiceField(
        label=_("I am"), choices=[("in", _("Checking in")), ("out", _("Checking out"))], widget=forms.RadioSelect
    )

    def __init__(self, *args, occurrences, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = [
            (o.pk, f"{o.activity.title}, {o.starts_at:%H:%M}–{o.ends_at:%H:%M}") for o in occurrences
        ]
        self.fields["student"].choices = [("", _("Choose your name")), *people]
        self.fields["action"].initial = "in"
