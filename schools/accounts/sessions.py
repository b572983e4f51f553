"""How long a sign-in lasts, and ending it at once (issue 11).

A session ends after ``SESSION_IDLE_TIMEOUT`` without a request, ``SESSION_ABSOLUTE_TIMEOUT`` after signing in,
on signing out, and when the person is switched off (``User.is_active`` saved as False, the admin included). Every
sign-in is recorded as a ``SignInSession`` so the last can find the sessions to end.
"""

import logging
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import SignInSession, User

log = logging.getLogger("peerpartners.security")

SIGNED_IN_AT_KEY = "signed_in_at"
LAST_SEEN_KEY = "last_seen_at"
# The last-seen mark is rewritten at most this often (seconds), so not every request writes the session.
LAST_SEEN_RESOLUTION = 60


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def rotate_session_key(request) -> None:
    """A new session key for the same sign-in (after the second step), keeping the sign-in record pointing at it."""
    old_key = request.session.session_key
    request.session.cycle_key()
    SignInSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


def end_sessions(user) -> int:
    """Deletes every recorded session of the person from the session store: they are signed out everywhere."""
    keys = list(SignInSession.objects.filter(user=user).values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store(session_key=key).delete()
    SignInSession.objects.filter(user=user).delete()
    return len(keys)


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    if not request.session.session_key:
        request.session.save()
    SignInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "ip_address": request.META.get("REMOTE_ADDR") or None},
    )


@receiver(user_logged_out)
def forget_sign_in(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        SignInSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(post_save, sender=User)
def end_sessions_of_switched_off_account(sender, instance, **kwargs):
    if not instance.is_active:
        ended = end_sessions(instance)
        if ended:
            log.info("session.ended_on_deactivation user_id=%s sessions=%s", instance.pk, ended)
