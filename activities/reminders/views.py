"""The reminder preference page: everyone with activities (staff, peers, focus students) chooses an email the day
before each activity or one weekly digest. Only one's own preference: no id in the URL."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from schools.mixins import SchoolPermissionMixin

from . import selectors, services
from .forms import ReminderPreferenceForm


class ReminderPreferenceView(SchoolPermissionMixin, FormView):
    permission = "choose_activity_reminders"
    template_name = "activities/reminders/preferences.html"
    form_class = ReminderPreferenceForm

    def get_initial(self):
        return {"delivery": selectors.reminder_preference(user=self.request.user).delivery}

    def form_valid(self, form):
        preference = services.reminder_preference_save(user=self.request.user, delivery=form.cleaned_data["delivery"])
        messages.success(self.request, _("Saved: %(choice)s.") % {"choice": preference.get_delivery_display()})
        return redirect("activities:reminders")
