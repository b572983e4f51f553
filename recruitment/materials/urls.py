from django.urls import path

from . import views

# Staff pages of a campaign's printed materials; <kind> is brochure or poster, <paper> letter or a4.
MATERIAL = "recruitment/campaigns/<int:pk>/materials/<slug:kind>/<slug:paper>/"

urlpatterns = [
    path("recruitment/campaigns/<int:pk>/materials/", views.MaterialListView.as_view(), name="material_list"),
    path(
        "recruitment/campaigns/<int:pk>/materials/progress/",
        views.MaterialProgressView.as_view(),
        name="material_progress",
    ),
    path(f"{MATERIAL}render/", views.MaterialRenderView.as_view(), name="material_render"),
    path(f"{MATERIAL}download/", views.MaterialDownloadView.as_view(), name="material_download"),
    path(f"{MATERIAL}preview/", views.MaterialPreviewView.as_view(), name="material_preview"),
]
