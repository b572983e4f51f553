from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import student_views, views
from .accounts import student_sign_in_views
from .accounts import views as account_views
from .calendar import urls as calendar_urls
from .privacy import urls as privacy_urls

# Sign-in pages keep Django's names (login, password_reset, ...) so contrib.auth and the admin find them.
auth_urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/you/", account_views.AccountView.as_view(), name="account"),
    # The second step at sign-in; SecondFactorMiddleware lets these through (accounts.two_factor.TWO_FACTOR_PATH).
    path("accounts/two-factor/", account_views.TwoFactorManageView.as_view(), name="two_factor_manage"),
    path("accounts/two-factor/setup/", account_views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("accounts/two-factor/verify/", account_views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path(
        "accounts/two-factor/recovery-codes/",
        account_views.RecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
    path(
        "accounts/two-factor/recovery-codes/new/",
        account_views.TwoFactorRegenerateView.as_view(),
        name="two_factor_regenerate",
    ),
    path("accounts/two-factor/remove/", account_views.TwoFactorRemoveView.as_view(), name="two_factor_remove"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("school/switch/", views.switch_school, name="switch_school"),
    path("students/", views.StudentListView.as_view(), name="student_list"),
    path("students/mine/", student_views.MyStudentsView.as_view(), name="my_students"),
    path("students/<int:pk>/", student_views.StudentDetailView.as_view(), name="student_detail"),
    path("students/<int:pk>/peer-view/", student_views.PeerSafeProfileView.as_view(), name="student_peer_view"),
    path("students/<int:pk>/edit/", student_views.StudentProfileEditView.as_view(), name="student_edit"),
    path("students/<int:pk>/availability/", student_views.AvailabilityEditView.as_view(), name="student_availability"),
    # A student's sign-in and consent records (before the profile items' catch-all <kind> patterns).
    path("students/<int:pk>/sign-in/", student_sign_in_views.StudentSignInView.as_view(), name="student_sign_in"),
    path(
        "students/<int:pk>/sign-in/card/",
        student_sign_in_views.StudentSignInCardView.as_view(),
        name="student_sign_in_card",
    ),
    path(
        "students/<int:pk>/sign-in/off/",
        student_sign_in_views.StudentSignInOffView.as_view(),
        name="student_sign_in_off",
    ),
    # Consent records and retention (schools/privacy/urls.py): paths and names as before.
    *privacy_urls.school_urlpatterns,
    path("students/<int:pk>/<slug:kind>/new/", student_views.ProfileItemFormView.as_view(), name="student_item_add"),
    path(
        "students/<int:pk>/<slug:kind>/<int:item_pk>/",
        student_views.ProfileItemFormView.as_view(),
        name="student_item_edit",
    ),
    path(
        "students/<int:pk>/<slug:kind>/<int:item_pk>/delete/",
        student_views.ProfileItemDeleteView.as_view(),
        name="student_item_delete",
    ),
    path("bell-schedules/", student_views.BellScheduleView.as_view(), name="bell_schedules"),
    path("bell-schedules/new/", student_views.BellScheduleCreateView.as_view(), name="bell_schedule_add"),
    path(
        "bell-schedules/<int:schedule_pk>/periods/new/",
        student_views.PeriodFormView.as_view(),
        name="period_add",
    ),
    path(
        "bell-schedules/<int:schedule_pk>/periods/<int:period_pk>/",
        student_views.PeriodFormView.as_view(),
        name="period_edit",
    ),
    # The school calendar of non-school days (schools/calendar/), linked from the bell schedules.
    *calendar_urls.urlpatterns,
    path("access-log/", student_views.AccessLogView.as_view(), name="access_log"),
    path("staff/", views.StaffListView.as_view(), name="staff_list"),
    path("district/", views.DistrictOverviewView.as_view(), name="district_overview"),
    path("roster/", include("schools.rostering.urls")),
    path("records/", include("schools.privacy.urls")),
    path("outbox/", include("schools.outbox.urls")),
    *auth_urlpatterns,
]
