"""Follow-up meetings: notes, action items (the program's own) and the agenda (names ``orientation:followup_…``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("followups/<int:pk>/", views.FollowupView.as_view(), name="followup"),
    path("followups/<int:pk>/notes/", views.FollowupNotesView.as_view(), name="followup_notes"),
    path(
        "followups/<int:pk>/action-items/add/",
        views.FollowupActionItemAddView.as_view(),
        name="followup_action_item_add",
    ),
    path("followups/<int:pk>/agenda/", views.FollowupAgendaView.as_view(), name="followup_agenda"),
    path("followups/<int:pk>/agenda/print/", views.FollowupAgendaPrintView.as_view(), name="followup_agenda_print"),
    path("followups/<int:pk>/agenda/email/", views.FollowupAgendaEmailView.as_view(), name="followup_agenda_email"),
]
