from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ReminderPreference

CHOOSE = _("Choose one of the two ways.")


class ReminderPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How do you want activity reminders?"),
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": CHOOSE, "required": CHOOSE},
    )
