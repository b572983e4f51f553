"""Attendance: the phone page and its per-tap endpoint, history, walk-ins, QR and kiosk check-in, personal codes and
the program's minutes."""

from django.urls import path

from . import views

urlpatterns = [
    path("occurrences/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("occurrences/<int:pk>/attendance/mark/", views.AttendanceMarkView.as_view(), name="attendance_mark"),
    path("occurrences/<int:pk>/attendance/history/", views.AttendanceHistoryView.as_view(), name="attendance_history"),
    path("occurrences/<int:pk>/qr/", views.OccurrenceQRView.as_view(), name="occurrence_qr"),
    path("occurrences/<int:pk>/check-in/", views.CheckInView.as_view(), name="check_in"),
    path("check-ins/<int:pk>/decide/", views.WalkInDecideView.as_view(), name="walk_in_decide"),
    path("check-in-code/", views.CheckInCodeView.as_view(), name="check_in_code"),
    path("<int:pk>/kiosk/", views.KioskManageView.as_view(), name="kiosk_manage"),
    path("kiosks/<int:pk>/revoke/", views.KioskRevokeView.as_view(), name="kiosk_revoke"),
    path("kiosk/<str:token>/", views.KioskView.as_view(), name="kiosk"),
    path("programs/<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
]
