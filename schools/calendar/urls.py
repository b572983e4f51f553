"""The school calendar's pages, spliced into ``schools/urls.py`` (no namespace, like the bell schedules)."""

from django.urls import path

from . import views

urlpatterns = [
    path("calendar/", views.NonSchoolDayListView.as_view(), name="non_school_days"),
    path("calendar/new/", views.NonSchoolDayAddView.as_view(), name="non_school_day_add"),
    path("calendar/import/", views.CalendarImportView.as_view(), name="non_school_days_import"),
    path("calendar/<int:pk>/delete/", views.NonSchoolDayDeleteView.as_view(), name="non_school_day_delete"),
]
