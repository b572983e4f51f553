from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("failed/", views.FailedListView.as_view(), name="failed"),
    path("<int:pk>/retry/", views.RetryView.as_view(), name="retry"),
]
