"""The project's own middlewares, all five in one place, in the order ``settings.MIDDLEWARE`` runs them.

Each is a thin hook into the request; the rules it applies live in the module named in its docstring. Django's and
the third-party middlewares between them (sessions, messages, django-otp, axes, ...) are listed in the settings.
"""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .accounts.security import client_ip, current_request
from .accounts.sessions import LAST_SEEN_KEY, LAST_SEEN_RESOLUTION, SIGNED_IN_AT_KEY
from .accounts.two_factor import TWO_FACTOR_PATH, second_factor_required, second_factor_state
from .scoping import resolve_access

security_log = logging.getLogger("peerpartners.security")

ACTIVE_SCHOOL_SESSION_KEY = "active_school_id"


class NoStoreMiddleware:
    """Pages and files about students must not stay in a browser's or a proxy's cache (issue 11).

    One rule, so no new view can forget it: every answer Django produces is sent with ``Cache-Control: no-store``,
    whoever asks. Signed-in pages, exports, PDFs and uploaded files hold student data, and the public pages that do
    (an application's confirmation, a guardian's consent page) cannot be told apart from the others by a rule that
    would not need updating. Static files are served by WhiteNoise before this middleware runs and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Replaces whatever a view set: no view may make its answer cacheable.
        if "Cache-Control" in response:
            del response["Cache-Control"]
        add_never_cache_headers(response)
        return response


class SessionExpiryMiddleware:
    """Signs out a session that was idle too long or is older than the absolute cap, and says why on the sign-in
    page. Runs after the message middleware (the message survives the sign-out in its cookie). The sign-in records
    and ending every session of a person: ``schools.accounts.sessions``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT_KEY, now)
            last_seen = session.get(LAST_SEEN_KEY, now)
            message = None
            if now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
                message = _("You were signed out because you had been signed in for %(hours)d hours.") % {
                    "hours": settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 3600
                }
                reason = "absolute"
            elif now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                message = _("You were signed out after %(minutes)d minutes without activity.") % {
                    "minutes": settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60
                }
                reason = "idle"
            if message:
                security_log.info("session.expired user_id=%s reason=%s", request.user.pk, reason)
                logout(request)
                messages.info(request, message)
                return redirect(settings.LOGIN_URL)
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in session:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a signed-in person who has a second factor but has not passed it this session to the check, and one who
    must have it but has none to its setup. Runs after ``OTPMiddleware`` (``request.user.is_verified``). Who must
    have it: ``schools.accounts.two_factor``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or self._allowed(request.path):
            return self.get_response(request)
        query = "?" + urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        state = second_factor_state(user)
        if state["has_device"]:
            return redirect(reverse("two_factor_verify") + query)
        if second_factor_required(user, state):
            return redirect(reverse("two_factor_setup") + query)
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        return path.startswith((TWO_FACTOR_PATH, "/" + settings.STATIC_URL.lstrip("/"))) or path in (
            reverse("logout"),
            reverse("admin:logout"),
            reverse("healthz"),
            reverse("healthz_ready"),
        )


class PermissionRefusalLogMiddleware:
    """Logs every 403 in one place, whichever view, mixin or the admin refused: who, which method and path.

    It also holds the request while it is answered, so role-change lines name who made the change (the security
    event log: ``schools.accounts.security``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            security_log.warning(
                "permission.refused user_id=%s method=%s path=%r ip=%s",
                getattr(user, "pk", None),
                request.method,
                request.path[:300],
                client_ip(request),
            )
        return response


class SchoolAccessMiddleware:
    """Attach ``request.access``: resolved lazily, once per request, from the user and the chosen school
    (``schools.scoping``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(
            lambda: resolve_access(request.user, request.session.get(ACTIVE_SCHOOL_SESSION_KEY))
        )
        return self.get_response(request)
