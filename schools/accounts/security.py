"""Sign-in lockout and the security event log (issue 11).

Every sign-in success and failure, lockout, sign-out, permission refusal and role change writes one line to the
``peerpartners.security`` logger, in UTC. A line names the account and the request's path, never a password, a
request body or any student record: the callers below pass only usernames, ids and role names.
"""

import contextvars
import logging

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..forms import SignInForm

log = logging.getLogger("peerpartners.security")

# The request being answered (set by ``schools.middleware.PermissionRefusalLogMiddleware``), so that a role change
# saved anywhere (the admin, a staff page) names who made it.
current_request: contextvars.ContextVar = contextvars.ContextVar("security_log_request", default=None)


def _actor() -> str:
    """Who is making a change: a user id, or "system" for commands, imports and tasks outside a request."""
    request = current_request.get()
    user = getattr(request, "user", None)
    return str(user.pk) if user is not None and user.is_authenticated else "system"


LOCKED_OUT_MESSAGE = _("Too many wrong passwords for this account. Try again in 15 minutes, or ask your coordinator.")


def _name(username) -> str:
    """A username as typed, quoted and cut short, so a crafted one cannot forge or flood log lines."""
    return repr(str(username or "")[:150])


def client_ip(request) -> str:
    return getattr(request, "axes_ip_address", None) or (request.META.get("REMOTE_ADDR", "") if request else "")


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, which needs the request to count attempts per account.

    Every sign-in form of the site (ours, the admin's) passes the request. Only Django's test client
    ``login(username=..., password=...)`` calls ``authenticate`` without one; it is let through to the next backend
    instead of raising, so the stock tests keep working. Code that signs people in must pass ``request``.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, with the plain lockout message in place of the form's error (AXES_LOCKOUT_CALLABLE)."""
    context = {"form": SignInForm(request), "locked_out_message": LOCKED_OUT_MESSAGE, "next": ""}
    return render(request, "registration/login.html", context, status=429)


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    log.info("login.success user_id=%s username=%s ip=%s", user.pk, _name(user.get_username()), client_ip(request))


@receiver(user_login_failed)
def log_sign_in_failure(sender, credentials, request=None, **kwargs):
    # Django already masks the password in ``credentials``; only the username is read here all the same.
    log.warning("login.failure username=%s ip=%s", _name(credentials.get("username")), client_ip(request))


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    log.warning("login.lockout username=%s ip=%s", _name(username), ip_address or "")


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    log.info("logout user_id=%s", getattr(user, "pk", None))


@receiver(post_save, sender="schools.Membership")
def log_role_saved(sender, instance, created, **kwargs):
    log.info(
        "role.%s by=%s membership_id=%s user_id=%s school_id=%s role=%s active=%s",
        "granted" if created else "changed",
        _actor(),
        instance.pk,
        instance.user_id,
        instance.school_id,
        instance.role,
        instance.is_active,
    )


@receiver(post_delete, sender="schools.Membership")
def log_role_removed(sender, instance, **kwargs):
    log.info(
        "role.removed by=%s membership_id=%s user_id=%s school_id=%s role=%s",
        _actor(),
        instance.pk,
        instance.user_id,
        instance.school_id,
        instance.role,
    )


def lockout_username(request, credentials) -> str | None:
    """The username axes counts and stores: cut to the length a username can have, so an oversized one is
    counted like any other wrong sign-in instead of overflowing axes' column."""
    username = (credentials or {}).get("username")
    return username[:150] if isinstance(username, str) else username
