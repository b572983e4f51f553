from django.urls import path

from . import views
from .playbook import urls as playbook_urls

app_name = "programs"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="list"),
    path("new/", views.ProgramCreateView.as_view(), name="create"),
    path("district/", views.DistrictProgramsView.as_view(), name="district"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", views.ProgramStatusView.as_view(), name="status"),
    # Core planning team
    path("<int:pk>/team/", views.TeamView.as_view(), name="team"),
    path("<int:pk>/team/add/", views.TeamMemberAddView.as_view(), name="team_add"),
    path("<int:pk>/team/<int:member_pk>/edit/", views.TeamMemberEditView.as_view(), name="team_edit"),
    path("<int:pk>/team/<int:member_pk>/remove/", views.TeamMemberRemoveView.as_view(), name="team_remove"),
    # Focus students and peers taking part
    path("<int:pk>/participants/", views.ParticipantListView.as_view(), name="participants"),
    path("<int:pk>/participants/add/", views.ParticipantAddView.as_view(), name="participants_add"),
    path(
        "<int:pk>/participants/<int:participant_pk>/edit/", views.ParticipantEditView.as_view(), name="participant_edit"
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/remove/",
        views.ParticipantRemoveView.as_view(),
        name="participant_remove",
    ),
    # Planning meetings and their action items
    path("<int:pk>/meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("<int:pk>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/meetings/<int:meeting_pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("action-items/<int:item_pk>/done/", views.ActionItemCompleteView.as_view(), name="action_item_complete"),
    path("action-items/<int:item_pk>/reopen/", views.ActionItemReopenView.as_view(), name="action_item_reopen"),
    # Start small, expand on purpose
    path("<int:pk>/expansion/", views.ExpansionPlanView.as_view(), name="expansion"),
    path("<int:pk>/expansion/add/", views.StageAddView.as_view(), name="stage_add"),
    path("<int:pk>/expansion/<int:stage_pk>/edit/", views.StageEditView.as_view(), name="stage_edit"),
    path("<int:pk>/expansion/<int:stage_pk>/reached/", views.StageReachedView.as_view(), name="stage_reached"),
    # Budget
    path("<int:pk>/budget/", views.BudgetView.as_view(), name="budget"),
    path("<int:pk>/budget/add/", views.BudgetItemAddView.as_view(), name="budget_add"),
    path("<int:pk>/budget/<int:item_pk>/edit/", views.BudgetItemEditView.as_view(), name="budget_edit"),
    path("<int:pk>/budget/<int:item_pk>/remove/", views.BudgetItemRemoveView.as_view(), name="budget_remove"),
    # District approvals; documents only through the permission-checking download
    path("<int:pk>/approvals/", views.ApprovalListView.as_view(), name="approvals"),
    path("<int:pk>/approvals/add/", views.ApprovalAddView.as_view(), name="approval_add"),
    path("<int:pk>/approvals/<int:approval_pk>/edit/", views.ApprovalEditView.as_view(), name="approval_edit"),
    path(
        "<int:pk>/approvals/<int:approval_pk>/document/",
        views.ApprovalDocumentView.as_view(),
        name="approval_document",
    ),
    # The year playbook and the meeting-agenda builder
    *playbook_urls.urlpatterns,
]
