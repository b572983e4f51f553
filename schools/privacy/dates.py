"""What day it is at a school: a records request's due date and overdue flag follow the school's own time zone."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def school_today(school) -> datetime.date:
    try:
        zone = ZoneInfo(school.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        # A mistyped zone must not stop a page; the project's zone is the sensible fallback.
        zone = timezone.get_default_timezone()
    return timezone.localtime(timezone.now(), zone).date()
