"""Calendar feeds: the page of one's calendar links, and the feeds themselves (opened by their secret token)."""

from django.urls import path

from . import views

urlpatterns = [
    path("feeds/", views.FeedsView.as_view(), name="feeds"),
    path("feeds/<int:pk>/new-link/", views.FeedRotateView.as_view(), name="feed_rotate"),
    path("feeds/<int:pk>/remove/", views.FeedRevokeView.as_view(), name="feed_revoke"),
    path("feeds/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
