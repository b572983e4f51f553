"""Staff pages of campaigns and the review, under /recruitment/ (included by ``recruitment.urls``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("recruitment/", views.CampaignListView.as_view(), name="campaign_list"),
    path("recruitment/programs/<int:program_pk>/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("recruitment/campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("recruitment/campaigns/<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign_update"),
    path("recruitment/campaigns/<int:pk>/channels/add/", views.ChannelAddView.as_view(), name="channel_add"),
    path(
        "recruitment/campaigns/<int:pk>/channels/<int:channel_pk>/edit/",
        views.ChannelEditView.as_view(),
        name="channel_edit",
    ),
    path("recruitment/campaigns/<int:pk>/applications/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("recruitment/applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("recruitment/applications/<int:pk>/score/", views.ApplicationScoreView.as_view(), name="application_score"),
    path("recruitment/applications/<int:pk>/decide/", views.DecisionView.as_view(), name="application_decide"),
    path("recruitment/applications/<int:pk>/promote/", views.PromoteView.as_view(), name="application_promote"),
]
