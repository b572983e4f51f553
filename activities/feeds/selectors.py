"""Read side of calendar feeds: which feed a token opens, whether its person may still see it, and what it shows.

A feed shows exactly what its person may see at the feed's school, judged again on every request (an account
switched off, a membership ended or a student no longer enrolled answers 404): a peer's or student's own feed the
occurrences of the activities they are placed in, with the others taking part named by first name only; a staff
member's own feed the activities they supervise; a program feed (staff only) every occurrence of the program, with
no student named. Nothing confidential is ever read here (only ``schools.peer_safe.shared_name``).
"""

import datetime
import hmac
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programs import selectors as program_selectors
from schools.dates import school_today, school_zone
from schools.models import Term
from schools.peer_safe import shared_name
from schools.permissions import has_permission
from schools.scoping import FOCUS_STUDENT, PEER, Access, resolve_access

from ..models import Activity, CalendarFeed, Occurrence, Participant, token_digest

# ``secrets.token_urlsafe(32)``: 43 characters of the URL-safe alphabet. Anything else is not a token of ours and is
# refused before the database is asked.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
LOOKUP_LENGTH = 12
# How far back a feed goes: calendars keep what they had, and a longer history only makes every refresh heavier.
DAYS_BACK = 60
# Calendars refresh a subscription far more often than anyone needs to know; writing "last used" at most this often
# keeps a refresh from being a write every time.
LAST_USED_RESOLUTION = datetime.timedelta(hours=1)

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# What ``shared_name`` gives for a student who must not be named, so the feed counts them instead ("and 1 more").
UNNAMED = "\x00unnamed"


def site_host() -> str:
    """The site's host name (the right-hand side of every UID)."""
    return urlsplit(settings.SITE_URL).hostname or "peerpartners"


def feed_url(token: str) -> str:
    """The address people paste into Google Calendar or Outlook. The token is its only secret, so it is an https
    address whatever SITE_URL says, except for a server on the developer's own machine."""
    site = urlsplit(settings.SITE_URL)
    scheme = site.scheme if site.scheme == "https" or site.hostname in LOCAL_HOSTS else "https"
    return f"{scheme}://{site.netloc}{reverse('activities:feed', kwargs={'token': token})}"


def own_feeds(*, access):
    """The signed-in person's feeds at the active school that still work, newest first (one query)."""
    if not access.is_authenticated:
        return CalendarFeed.objects.none()
    return (
        CalendarFeed.objects.visible_to(access)
        .filter(user=access.user, revoked_at=None)
        .select_related("program")
        .order_by("-created_at")
    )


def may_have_program_feeds(access) -> bool:
    """Program feeds are for staff: the people who read every activity of the school's programs."""
    return has_permission(access, "view_activities")


def feed_programs(*, access):
    """The programs a staff member may have a feed of (the active school's); none for anyone else."""
    if not may_have_program_feeds(access):
        return None
    return program_selectors.program_queryset(access=access).order_by("name")


@dataclass(frozen=True)
class OpenFeed:
    feed: CalendarFeed
    # The feed's person as they are now, at the feed's school.
    access: Access


def feed_by_token(token: str) -> OpenFeed | None:
    """The feed a token opens, or None: not a token's shape, unknown, changed, revoked, or its person may no longer
    see it. The caller answers 404 for every one of these alike."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    digest = token_digest(token)
    candidates = CalendarFeed.objects.filter(lookup=token[:LOOKUP_LENGTH], revoked_at=None).select_related(
        "user", "school", "program"
    )
    # The prefix only finds the row; the digest decides, compared in constant time.
    feed = next((row for row in candidates if hmac.compare_digest(row.digest, digest)), None)
    if feed is None:
        return None
    access = person_at_school(feed)
    return OpenFeed(feed=feed, access=access) if access is not None else None


def person_at_school(feed: CalendarFeed) -> Access | None:
    """The feed's person at the feed's school now (their account active, their membership or enrolment still
    there), or None. The same rules as the page where feeds are made."""
    if not feed.user.is_active:
        return None
    access = resolve_access(feed.user, feed.school_id)
    if access.school is None or access.school.pk != feed.school_id:
        return None
    if not has_permission(access, "manage_own_calendar_feeds"):
        return None
    program_feed = feed.scope == CalendarFeed.Scope.PROGRAM
    if program_feed and not (may_have_program_feeds(access) and feed.program.school_id == feed.school_id):
        return None
    return access


def feed_window(*, school, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From ``DAYS_BACK`` days ago to the end of the school's current terms (when none is running, the end of the
    next one), so a subscription never carries past years."""
    terms = list(Term.objects.filter(school=school, end_date__gte=today).order_by("start_date"))
    current = [term.end_date for term in terms if term.start_date <= today]
    if current:
        end = max(current)
    elif terms:
        end = terms[0].end_date
    else:
        end = today
    return today - datetime.timedelta(days=DAYS_BACK), end


def feed_title(feed: CalendarFeed) -> str:
    if feed.scope == CalendarFeed.Scope.PROGRAM:
        return _("%(program)s: shared activities") % {"program": feed.program.name}
    return _("My shared activities (%(school)s)") % {"school": feed.school.name}


@dataclass(frozen=True)
class FeedEvent:
    """One occurrence as a calendar event: only what the feed's person may see."""

    uid: str
    sequence: int
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    location: str
    description: str
    cancelled: bool
    last_modified: datetime.datetime


def _personal_filter(access: Access) -> Q:
    """A person's own activities: those they are placed in (not waitlisted, not withdrawn) as a peer or student,
    and those they supervise as staff."""
    user = access.user
    wanted = Q(pk__in=[])
    if access.has_role(PEER, FOCUS_STUDENT):
        placed = Participant.objects.placed().filter(
            student__user=user, student__school=access.school, student__is_active=True
        )
        wanted |= Q(activity__in=placed.values("activity"))
    if may_have_program_feeds(access):
        supervised = Activity.supervisors.through.objects.filter(user=user)
        wanted |= Q(activity__in=supervised.values("activity"))
    return wanted


def _others_taking_part(occurrence: Occurrence, user) -> str:
    """ "With Noah, Liam and 1 more": the others placed, by the name peers may see (first name); a student whose
    family opted out of the directory is counted, not named."""
    names, unnamed = [], 0
    for place in occurrence.activity.placed:
        student = place.student
        if student.user_id == user.pk:
            continue
        name = shared_name(student, hidden_as=UNNAMED)
        if name == UNNAMED:
            unnamed += 1
        else:
            names.append(name)
    if not names and not unnamed:
        return ""
    listed = ", ".join(names)
    if unnamed:
        more = ngettext("%(count)d more", "%(count)d more", unnamed) % {"count": unnamed}
        listed = _("%(names)s and %(more)s") % {"names": listed, "more": more} if names else more
    return _("With %(names)s") % {"names": listed}


def _local(day: datetime.date, time: datetime.time, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=zone).astimezone(datetime.UTC)


def feed_events(*, open_feed: OpenFeed, today: datetime.date | None = None) -> list[FeedEvent]:
    """The feed's occurrences within its window, cancelled ones included (marked so calendars drop them). A fixed
    number of queries whatever the number of occurrences."""
    feed, access = open_feed.feed, open_feed.access
    school = feed.school
    today = today or school_today(school)
    start, end = feed_window(school=school, today=today)
    occurrences = (
        Occurrence.objects.visible_to(access)
        .filter(date__range=(start, end))
        .select_related("activity")
        .order_by("date", "starts_at", "pk")
    )
    personal = feed.scope == CalendarFeed.Scope.PERSONAL
    names_others = personal and access.has_role(PEER, FOCUS_STUDENT)
    if personal:
        occurrences = occurrences.filter(_personal_filter(access))
    else:
        occurrences = occurrences.filter(activity__program=feed.program)
    if names_others:
        occurrences = occurrences.prefetch_related(
            Prefetch(
                "activity__participants",
                queryset=Participant.objects.placed().select_related("student").order_by("student__first_name"),
                to_attr="placed",
            )
        )
    zone, host = school_zone(school), site_host()
    events = []
    for occurrence in occurrences:
        activity = occurrence.activity
        cancelled = occurrence.is_cancelled or activity.is_cancelled
        lines = [str(activity.get_kind_display())]
        if names_others:
            with_line = _others_taking_part(occurrence, access.user)
            if with_line:
                lines.append(with_line)
        if cancelled:
            lines.insert(0, _("Cancelled."))
        # A whole activity cancelled without touching its days is still news to the calendar.
        changed = max(filter(None, (occurrence.updated_at, activity.cancelled_at)))
        events.append(
            FeedEvent(
                uid=f"occurrence-{occurrence.pk}@{host}",
                sequence=occurrence.sequence,
                start=_local(occurrence.date, occurrence.starts_at, zone),
                end=_local(occurrence.date, occurrence.ends_at, zone),
                summary=(_("Cancelled: %(title)s") % {"title": activity.title}) if cancelled else activity.title,
                location=occurrence.where,
                description="\n".join(lines),
                cancelled=cancelled,
                last_modified=changed,
            )
        )
    return events


def needs_last_used(feed: CalendarFeed, now: datetime.datetime) -> bool:
    return feed.last_used_at is None or now - feed.last_used_at >= LAST_USED_RESOLUTION
