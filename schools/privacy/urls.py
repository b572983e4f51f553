from django.urls import path

from . import consent_views, retention_views, views

app_name = "privacy"

# The records pages, under "records/" in the "privacy" namespace.

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

# A student's consent records and the retention pages live under students/ and privacy/ with un-namespaced names
# (``student_consent_records``, ``retention``, ...) that templates use: ``schools/urls.py`` splices this list in.
school_urlpatterns = [
    path(
        "students/<int:pk>/consent/",
        consent_views.ConsentRecordListView.as_view(),
        name="student_consent_records",
    ),
    path(
        "students/<int:pk>/consent/<int:consent_pk>/withdraw/",
        consent_views.ConsentRecordWithdrawView.as_view(),
        name="student_consent_withdraw",
    ),
    path("students/<int:pk>/delete-data/", retention_views.StudentDeleteDataView.as_view(), name="student_delete_data"),
    path("privacy/retention/", retention_views.RetentionView.as_view(), name="retention"),
    path("privacy/retention/run/", retention_views.RetentionRunView.as_view(), name="retention_run"),
]
