"""The resource library (``/orientation/resources/``), the topics shown to peers, and an orientation's materials.
Files are downloaded only through ``resource_file`` and ``material_file``."""

from django.urls import path

from . import views

urlpatterns = [
    path("resources/", views.ResourceListView.as_view(), name="resources"),
    path("resources/add/", views.ResourceFormView.as_view(), name="resource_add"),
    path("resources/<int:pk>/edit/", views.ResourceEditView.as_view(), name="resource_edit"),
    path("resources/<int:pk>/delete/", views.ResourceDeleteView.as_view(), name="resource_delete"),
    path("resources/<int:pk>/file/", views.ResourceFileView.as_view(), name="resource_file"),
    path("topics-for-peers/", views.PeerTopicsView.as_view(), name="peer_topics"),
    path("<int:pk>/materials/", views.MaterialListView.as_view(), name="materials"),
    path("<int:pk>/materials/from-library/", views.MaterialFromLibraryView.as_view(), name="material_add_resource"),
    path("<int:pk>/materials/add/", views.MaterialAddView.as_view(), name="material_add"),
    path("materials/<int:pk>/remove/", views.MaterialRemoveView.as_view(), name="material_remove"),
    path("materials/<int:pk>/file/", views.MaterialFileView.as_view(), name="material_file"),
]
