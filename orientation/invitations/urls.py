"""Meetings, invitations, RSVPs (the peer's own page and the signed link in the email)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/meetings/add/", views.MeetingAddView.as_view(), name="meeting_add"),
    path("<int:pk>/meetings/<int:meeting_pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("<int:pk>/meetings/<int:meeting_pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("<int:pk>/cancel/", views.OrientationCancelView.as_view(), name="cancel"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path("mine/", views.MyOrientationsView.as_view(), name="mine"),
    path("rsvp/<str:token>/", views.RsvpView.as_view(), name="rsvp"),
]
