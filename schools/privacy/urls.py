from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("disclosures/", views.DisclosureListView.as_view(), name="disclosures"),
    path("disclosures/new/", views.DisclosureCreateView.as_view(), name="disclosure_add"),
    path("requests/", views.InspectionRequestListView.as_view(), name="requests"),
    path("requests/new/", views.InspectionRequestCreateView.as_view(), name="request_add"),
    path("requests/<int:pk>/", views.InspectionRequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/close/", views.InspectionRequestCloseView.as_view(), name="request_close"),
    path("requests/<int:pk>/bundle/", views.RecordsBundleView.as_view(), name="request_bundle"),
    path("students/<int:pk>/export/", views.StudentExportView.as_view(), name="student_export"),
    path("students/<int:pk>/parent-link/", views.GuardianLinkView.as_view(), name="guardian_link"),
    # Public: the parent's page behind the emailed link (no sign-in).
    path("family/<str:signed>/", views.GuardianDisclosuresView.as_view(), name="guardian_disclosures"),
]
