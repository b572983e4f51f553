"""Observation by interval recording: start (or join as the second observer) from an occurrence, the phone's recording
page and the endpoint its script sends the intervals to, the results and the list."""

from django.urls import path

from . import views

urlpatterns = [
    path("occurrences/<int:pk>/observe/", views.ObservationStartView.as_view(), name="observation_start"),
    path("observations/", views.ObservationListView.as_view(), name="observations"),
    path("observations/<int:pk>/", views.ObservationDetailView.as_view(), name="observation_detail"),
    path("observations/<int:pk>/join/", views.ObservationJoinView.as_view(), name="observation_join"),
    path("observations/<int:pk>/record/", views.ObservationRecordView.as_view(), name="observation_record"),
    path("observations/<int:pk>/intervals/", views.ObservationSyncView.as_view(), name="observation_sync"),
]
