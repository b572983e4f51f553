"""Social contacts and friendships. The survey forms link to ``contacts`` (a survey response: its student names who
they spent time with and who is a friend, in the response's window); the program's leads read the friendship map."""

from django.urls import path

from . import views

urlpatterns = [
    path("responses/<int:pk>/contacts/", views.ContactsView.as_view(), name="contacts"),
    path("friendships/", views.FriendshipIndexView.as_view(), name="friendships"),
    path("programs/<int:pk>/friendships/", views.FriendshipMapView.as_view(), name="friendship_map"),
]
