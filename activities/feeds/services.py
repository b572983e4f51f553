"""Write side of calendar feeds: making a feed (the token is returned once, only its digest is kept), switching one
off, replacing one (off, and a new one of the same scope), and noting when one was last used."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CalendarFeed, token_digest
from .selectors import LOOKUP_LENGTH, needs_last_used

# Enough for a phone, a laptop and a shared calendar or two; more is a sign of links made and forgotten.
MAX_FEEDS_PER_PERSON = 10


def _feed_new(*, user, school, scope: str, program) -> tuple[CalendarFeed, str]:
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        user=user,
        school=school,
        scope=scope,
        program=program if scope == CalendarFeed.Scope.PROGRAM else None,
        lookup=token[:LOOKUP_LENGTH],
        digest=token_digest(token),
    )
    feed.full_clean()
    feed.save()
    return feed, token


def feed_create(*, user, school, scope: str, program=None) -> tuple[CalendarFeed, str]:
    """A new feed of ``user`` at ``school``; returns the feed and its token, which is never stored (only its
    digest and its first characters, to find the row). Who may have which feed is the page's permission and
    ``selectors.feed_programs``; here: a program feed names a program of the school, and a person has at most
    ``MAX_FEEDS_PER_PERSON`` feeds in use (the person's row is locked, so two clicks at once cannot pass it)."""
    if scope not in CalendarFeed.Scope.values:
        raise ValidationError(_("Choose what the calendar should show."))
    if scope == CalendarFeed.Scope.PROGRAM and (program is None or program.school_id != school.pk):
        raise ValidationError(_("Choose one of your school's programs."))
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        in_use = CalendarFeed.objects.filter(user=user, school=school, revoked_at=None).count()
        if in_use >= MAX_FEEDS_PER_PERSON:
            raise ValidationError(
                _("You already have %(count)d calendar links. Remove one you no longer use, then try again.")
                % {"count": in_use}
            )
        return _feed_new(user=user, school=school, scope=scope, program=program)


def feed_revoke(*, feed: CalendarFeed) -> bool:
    """Switch the feed off: its address answers 404 from now on. Safe to repeat (False when it already was)."""
    return bool(CalendarFeed.objects.filter(pk=feed.pk, revoked_at=None).update(revoked_at=timezone.now()))


def feed_rotate(*, feed: CalendarFeed) -> tuple[CalendarFeed, str]:
    """A new address for the same calendar (the old one leaked, or a device was lost): the old feed is switched
    off and a new one of the same scope made, in one transaction. Refused when the feed is already off (someone
    replaced or removed it a moment before)."""
    with transaction.atomic():
        locked = CalendarFeed.objects.select_for_update().filter(pk=feed.pk, revoked_at=None).first()
        if locked is None:
            raise ValidationError(_("This calendar link was already switched off."))
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        return _feed_new(user=locked.user, school=locked.school, scope=locked.scope, program=locked.program)


def feed_used(*, feed: CalendarFeed, now=None) -> None:
    """Note that a calendar fetched the feed, at most once an hour (``selectors.LAST_USED_RESOLUTION``): nothing
    is written when the row already says so, and the write is one UPDATE of one column."""
    now = now or timezone.now()
    if needs_last_used(feed, now):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        feed.last_used_at = now
