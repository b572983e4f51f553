"""A feed as an iCalendar file (RFC 5545, with the refresh hints of RFC 7986), written by the ``icalendar`` library:
escaping, folding, value types and line ends are its job, not ours.

What matters for Google Calendar and Outlook, which poll a subscription and replace what they had: one stable UID
per occurrence, SEQUENCE and LAST-MODIFIED that rise with every change people see, cancelled occurrences kept with
STATUS:CANCELLED (rather than dropped, so a calendar that shows them says so), the refresh hints, and times in UTC
converted from the school's zone (no VTIMEZONE needed; every calendar shows the local time).
"""

import datetime

from icalendar import Calendar, Event, vDuration

PRODID = "-//Peer Partners//Shared activities//EN"
# Ask calendars to refresh hourly. Google ignores both hints and refreshes when it likes (up to a day), which is why
# the page says so and urgent changes also go by email.
REFRESH = datetime.timedelta(hours=1)


def feed_calendar(*, title: str, zone_name: str, events, now: datetime.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    # The zone the calendar is shown in by Google and Apple when the subscriber has not chosen one.
    calendar.add("x-wr-timezone", zone_name)
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("sequence", item.sequence)
        event.add("last-modified", item.last_modified)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        # Shown as busy unless cancelled, so a cancelled lunch group frees the hour in the person's calendar.
        event.add("transp", "TRANSPARENT" if item.cancelled else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
