"""Service-learning projects (staff pages, and the peer-safe page of those taking part), service hours (a student's
own, the coordinator's review, certificates, the SIS export, the program's rule) and the verifier's signed link."""

from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.ProjectsView.as_view(), name="projects"),
    path("<int:pk>/project/", views.ProjectView.as_view(), name="project"),
    path("<int:pk>/project/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/project/tasks/add/", views.TaskAddView.as_view(), name="project_task_add"),
    path("<int:pk>/project/tasks/<int:task_pk>/", views.TaskEditView.as_view(), name="project_task_edit"),
    path("<int:pk>/project/tasks/<int:task_pk>/remove/", views.TaskRemoveView.as_view(), name="project_task_remove"),
    path("<int:pk>/project/photos/add/", views.PhotoAddView.as_view(), name="project_photo_add"),
    path("<int:pk>/project/photos/<int:photo_pk>/", views.PhotoView.as_view(), name="project_photo"),
    path(
        "<int:pk>/project/photos/<int:photo_pk>/remove/", views.PhotoRemoveView.as_view(), name="project_photo_remove"
    ),
    path("<int:pk>/project/ours/", views.SharedProjectView.as_view(), name="project_shared"),
    path("<int:pk>/project/ours/photos/<int:photo_pk>/", views.SharedPhotoView.as_view(), name="project_shared_photo"),
    path("hours/", views.HoursReviewView.as_view(), name="hours_review"),
    path("hours/approve/", views.HoursApproveView.as_view(), name="hours_approve"),
    path("hours/add/", views.HoursAddView.as_view(), name="hours_add"),
    path("hours/mine/", views.MyHoursView.as_view(), name="my_hours"),
    path("hours/mine/certificate/<int:term_pk>/", views.MyCertificateView.as_view(), name="my_certificate"),
    path("hours/<int:pk>/decline/", views.HoursDeclineView.as_view(), name="hours_decline"),
    path("hours/<int:pk>/proof/", views.ProofView.as_view(), name="hours_proof"),
    path("hours/program/<int:pk>/settings/", views.HoursSettingsView.as_view(), name="hours_settings"),
    path(
        "hours/program/<int:pk>/term/<int:term_pk>/certificates/",
        views.CertificatesView.as_view(),
        name="hours_certificates",
    ),
    path("hours/program/<int:pk>/term/<int:term_pk>/export/", views.HoursExportView.as_view(), name="hours_export"),
    path("verify/<str:token>/", views.VerifyView.as_view(), name="verify"),
]
