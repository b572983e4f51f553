"""What day it is at a school (its own time zone): consent ends and retention days are counted in school days."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def school_today(school, *, now: datetime.datetime | None = None) -> datetime.date:
    try:
        zone = ZoneInfo(school.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        # A mistyped zone must not stop the daily tasks; the project's zone is the sensible fallback.
        zone = timezone.get_default_timezone()
    return timezone.localtime(now or timezone.now(), zone).date()
