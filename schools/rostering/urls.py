from django.urls import path

from . import views

app_name = "rostering"

urlpatterns = [
    path("", views.ImportListView.as_view(), name="import_list"),
    path("import/", views.UploadView.as_view(), name="upload"),
    path("import/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("import/<int:pk>/progress/", views.ImportProgressView.as_view(), name="import_progress"),
    path("import/<int:pk>/org/", views.ChooseOrgView.as_view(), name="choose_org"),
    path("import/<int:pk>/confirm/", views.ConfirmView.as_view(), name="confirm"),
    path("import/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("template/<slug:file_format>/", views.TemplateDownloadView.as_view(), name="template"),
    path("export/<slug:file_format>/", views.ExportView.as_view(), name="export"),
]
