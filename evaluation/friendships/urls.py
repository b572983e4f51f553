"""Social contacts and friendships. The survey forms link to ``contacts`` (a survey response: its student names who
they spent time with and who is a friend, in the response's window)."""

from django.urls import path

from . import views

urlpatterns = [
    path("responses/<int:pk>/contacts/", views.PendingView.as_view(), name="contacts"),
]
