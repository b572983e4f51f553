"""Facilitation: the supervising adult's log of an occurrence, an activity's logs, a focus student's timeline and
its support changes."""

from django.urls import path

from . import views

urlpatterns = [
    path("occurrences/<int:pk>/facilitation/", views.FacilitationLogView.as_view(), name="facilitation_log"),
    path("<int:pk>/facilitation/", views.ActivityLogsView.as_view(), name="facilitation_logs"),
    path("students/<int:pk>/timeline/", views.StudentTimelineView.as_view(), name="student_timeline"),
    path("students/<int:pk>/timeline/changes/add/", views.SupportChangeAddView.as_view(), name="support_change_add"),
    path("support-changes/<int:pk>/delete/", views.SupportChangeDeleteView.as_view(), name="support_change_delete"),
]
