"""The year playbook and the meeting-agenda builder, spliced into ``programs/urls.py`` (names ``programs:…``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/playbook/", views.PlaybookView.as_view(), name="playbook"),
    path("<int:pk>/playbook/generate/", views.PlaybookGenerateView.as_view(), name="playbook_generate"),
    path("<int:pk>/playbook/<int:playbook_pk>/copy/", views.PlaybookCopyView.as_view(), name="playbook_copy"),
    path("<int:pk>/playbook/<int:playbook_pk>/add/", views.StepAddView.as_view(), name="playbook_step_add"),
    path("<int:pk>/playbook/steps/<int:step_pk>/edit/", views.StepEditView.as_view(), name="playbook_step_edit"),
    path("<int:pk>/playbook/steps/<int:step_pk>/done/", views.StepDoneView.as_view(), name="playbook_step_done"),
    path("<int:pk>/playbook/steps/<int:step_pk>/skip/", views.StepSkipView.as_view(), name="playbook_step_skip"),
    path("<int:pk>/playbook/steps/<int:step_pk>/reopen/", views.StepReopenView.as_view(), name="playbook_step_reopen"),
    path("<int:pk>/meetings/<int:meeting_pk>/agenda/", views.MeetingAgendaView.as_view(), name="meeting_agenda"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/agenda/print/",
        views.MeetingAgendaPrintView.as_view(),
        name="meeting_agenda_print",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/agenda/email/",
        views.MeetingAgendaEmailView.as_view(),
        name="meeting_agenda_email",
    ),
]
