"""What day it is at a school: due dates, reminders, consent ends and retention follow the school's time zone."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def school_zone(school) -> datetime.tzinfo:
    try:
        return ZoneInfo(school.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        # A mistyped zone must not stop a page or the reminder task; the project's zone is the sensible fallback.
        return timezone.get_default_timezone()


def school_today(school, *, now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), school_zone(school)).date()
