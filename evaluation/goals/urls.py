"""Goal attainment scaling: a program's overview, a student's scales, writing, locking and rating a scale."""

from django.urls import path

from . import views

urlpatterns = [
    path("programs/<int:pk>/goals/", views.GoalOverviewView.as_view(), name="goal_overview"),
    path("programs/<int:pk>/goals/students/<int:student>/", views.GoalStudentView.as_view(), name="goal_student"),
    path(
        "programs/<int:pk>/goals/students/<int:student>/new/", views.GoalScaleNewView.as_view(), name="goal_scale_new"
    ),
    path("goals/scales/<int:pk>/edit/", views.GoalScaleEditView.as_view(), name="goal_scale_edit"),
    path("goals/scales/<int:pk>/lock/", views.GoalScaleLockView.as_view(), name="goal_scale_lock"),
    path("goals/scales/<int:pk>/rate/", views.GoalScaleRateView.as_view(), name="goal_scale_rate"),
]
