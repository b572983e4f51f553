from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CalendarFeed


class FeedCreateForm(forms.Form):
    """What a new calendar link shows: one's own activities, or (staff) every activity of one program."""

    scope = forms.ChoiceField(
        label=_("What should the calendar show?"),
        choices=CalendarFeed.Scope.choices,
        initial=CalendarFeed.Scope.PERSONAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the calendar should show.")},
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=None,
        required=False,
        empty_label=_("Choose a program"),
        help_text=_("Only for a program's calendar: every activity of the program, with no student named."),
        error_messages={"invalid_choice": _("Choose one of your school's programs.")},
    )

    def __init__(self, *args, programs=None, **kwargs):
        """``programs``: the programs the person may have a calendar of (``selectors.feed_programs``); None for
        those who may only have their own (peers and students)."""
        super().__init__(*args, **kwargs)
        self.may_choose_program = programs is not None
        if self.may_choose_program:
            self.fields["program"].queryset = programs
        else:
            del self.fields["program"]
            self.fields["scope"].choices = [(CalendarFeed.Scope.PERSONAL, CalendarFeed.Scope.PERSONAL.label)]
            self.fields["scope"].error_messages["invalid_choice"] = _(
                "A calendar of a whole program is for staff. You can have a calendar of your own activities."
            )

    def clean(self):
        data = super().clean()
        if data.get("scope") == CalendarFeed.Scope.PROGRAM:
            if not data.get("program") and "program" not in self.errors:
                self.add_error("program", _("Choose the program whose activities the calendar should show."))
        else:
            data["program"] = None
        return data
