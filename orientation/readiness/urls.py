from django.urls import path

from . import views

urlpatterns: list = [
    path("meetings/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("meetings/<int:pk>/makeup/", views.MakeupAddView.as_view(), name="makeup_add"),
    path("programs/<int:pk>/readiness/", views.ReadinessView.as_view(), name="readiness"),
    path("programs/<int:pk>/readiness/<int:student_pk>/covered/", views.CoverageAddView.as_view(),
         name="coverage_add"),
    path("programs/<int:pk>/settings/", views.ReadinessSettingsView.as_view(), name="settings"),
    path("programs/<int:pk>/handouts/", views.HandoutsView.as_view(), name="handouts"),
    path("handouts/<int:pk>/", views.HandoutView.as_view(), name="handout"),
    path("handouts/<int:pk>/pdf/", views.HandoutPdfView.as_view(), name="handout_pdf"),
]
