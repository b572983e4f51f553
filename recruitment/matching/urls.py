from django.urls import path

from . import partners, views

urlpatterns = [
    path("my-partners/<int:pk>/", partners.PartnerProfileView.as_view(), name="partner_profile"),
    path("recruitment/matching/", views.MatchingProgramsView.as_view(), name="matching_programs"),
    path("recruitment/matching/<int:pk>/", views.MatchingView.as_view(), name="matching"),
    path("recruitment/matching/<int:pk>/propose/", views.ProposeView.as_view(), name="matching_propose"),
    path("recruitment/matching/<int:pk>/add/", views.HandPairingView.as_view(), name="matching_add"),
    path("recruitment/matching/<int:pk>/confirm/", views.ConfirmView.as_view(), name="matching_confirm"),
    path("recruitment/matching/<int:pk>/<int:match_pk>/remove/", views.RemoveView.as_view(), name="matching_remove"),
    path(
        "recruitment/matching/<int:pk>/students/<int:student_pk>/preferences/",
        views.PreferencesView.as_view(),
        name="matching_preferences",
    ),
]
