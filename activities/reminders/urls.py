"""reminders URLs (area of the activities app): one's own reminder preference."""

from django.urls import path

from . import views

urlpatterns = [
    path("reminders/", views.ReminderPreferenceView.as_view(), name="reminders"),
]
