from django.urls import path

from . import views

urlpatterns = [
    path("join/", views.JoinListView.as_view(), name="join"),
    path("join/<int:pk>/", views.CampaignPageView.as_view(), name="join_campaign"),
    path("join/<int:pk>/apply/", views.ApplyView.as_view(), name="apply"),
    path("join/<int:pk>/thanks/", views.ApplyThanksView.as_view(), name="apply_thanks"),
    path("consent/<str:signed>/", views.ConsentView.as_view(), name="consent"),
    path("consent/renew/<str:signed>/", views.ConsentRenewView.as_view(), name="consent_renew"),
    path(
        "recruitment/applications/<int:pk>/duplicate/", views.DuplicateView.as_view(), name="application_duplicate"
    ),
    path(
        "recruitment/applications/<int:pk>/guardian/", views.GuardianChangeView.as_view(), name="application_guardian"
    ),
    path("recruitment/nominate/", views.NominateView.as_view(), name="nominate"),
    path("recruitment/nominations/", views.NominationListView.as_view(), name="nominations"),
    path("recruitment/nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination_detail"),
]
