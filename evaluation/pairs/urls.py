"""Pair health: the student's monthly check-in about their partner, staff entering a focus student's with them, the
program's pair health, a staff member's match problem flag, the follow-up, and exit surveys for a pair."""

from django.urls import path

from . import views

urlpatterns = [
    path("pairs/check-in/", views.MyCheckInView.as_view(), name="pair_check_in"),
    path("students/<int:pk>/pair-check-in/", views.StudentCheckInView.as_view(), name="student_pair_check_in"),
    path("programs/<int:pk>/pair-health/", views.PairHealthView.as_view(), name="pair_health"),
    path("pairs/<int:pk>/flag/", views.PairFlagView.as_view(), name="pair_flag"),
    path("pairs/<int:pk>/exit-surveys/", views.PairExitSurveysView.as_view(), name="pair_exit_surveys"),
    path("pair-check-ins/<int:pk>/", views.CheckInDetailView.as_view(), name="pair_check_in_detail"),
]
