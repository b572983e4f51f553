"""scheduling URLs (area of the activities app): activities, occurrences, participants, sign-up and the calendar."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ActivityIndexView.as_view(), name="index"),
    path("add/", views.ActivityAddView.as_view(), name="add"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("<int:pk>/", views.ActivityDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ActivityEditView.as_view(), name="edit"),
    path("<int:pk>/cancel/", views.ActivityCancelView.as_view(), name="cancel"),
    path("<int:pk>/participants/", views.ParticipantsView.as_view(), name="participants"),
    path("<int:pk>/sign-up/", views.SignUpView.as_view(), name="sign_up"),
    path("<int:pk>/leave/", views.LeaveView.as_view(), name="leave"),
    path("participants/<int:pk>/remove/", views.ParticipantRemoveView.as_view(), name="participant_remove"),
    path("occurrences/<int:pk>/change/", views.OccurrenceChangeView.as_view(), name="occurrence_change"),
    path("occurrences/<int:pk>/cancel/", views.OccurrenceCancelView.as_view(), name="occurrence_cancel"),
]
