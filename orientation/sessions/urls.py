"""Orientations, the topic library, agendas and tailoring (``orientation:`` names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.OrientationIndexView.as_view(), name="index"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/new/", views.TopicAddView.as_view(), name="topic_add"),
    path("topics/<int:pk>/edit/", views.TopicEditView.as_view(), name="topic_edit"),
    path("topics/<int:pk>/retire/", views.TopicRetireView.as_view(), name="topic_retire"),
    path("topics/<int:pk>/restore/", views.TopicRestoreView.as_view(), name="topic_restore"),
    path("programs/<int:pk>/", views.ProgramOrientationsView.as_view(), name="list"),
    path("programs/<int:pk>/new/", views.OrientationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.OrientationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrientationUpdateView.as_view(), name="update"),
    path("<int:pk>/agenda/", views.AgendaView.as_view(), name="agenda"),
    path("<int:pk>/agenda/add/", views.AgendaAddView.as_view(), name="agenda_add"),
    path("<int:pk>/agenda/accept/", views.AgendaAcceptView.as_view(), name="agenda_accept"),
    path("agenda-items/<int:pk>/edit/", views.AgendaItemEditView.as_view(), name="agenda_item_edit"),
    path("agenda-items/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="agenda_item_move"),
    path("agenda-items/<int:pk>/remove/", views.AgendaItemRemoveView.as_view(), name="agenda_item_remove"),
]
