"""Calendar files (RFC 5545 / iTIP RFC 5546) for orientation meetings, attached to the invitation, update and
cancellation emails.

Written by hand rather than with a library: an event is a dozen lines, and what matters is done here and tested
(``tests/orientation/invitations/test_calendar_files.py``): text escaped, lines folded at 75 octets, CRLF line ends,
one stable UID per meeting so an update or a cancellation replaces the event already in the calendar, and SEQUENCE
the meeting's ``sequence``, raised by every change. Times are written in UTC (``…Z``), converted from the school's
time zone, so no VTIMEZONE block is needed and every calendar shows the local time correctly.
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone

from schools.dates import school_zone

PRODID = "-//Peer Partners//Orientation meetings//EN"
# Django adds the charset itself; the method tells mail programs this is an invitation, not a plain file.
MIMETYPE_REQUEST = "text/calendar; method=REQUEST"
MIMETYPE_CANCEL = "text/calendar; method=CANCEL"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # A continuation line starts with one space, which counts towards its 75 octets.
        limit = 75 if not parts else 74
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_start(meeting) -> datetime.datetime:
    """When the meeting starts, in its school's time zone (aware)."""
    zone = school_zone(meeting.orientation.program.school)
    return datetime.datetime.combine(meeting.date, meeting.starts_at, tzinfo=zone)


def meeting_end(meeting) -> datetime.datetime:
    zone = school_zone(meeting.orientation.program.school)
    return datetime.datetime.combine(meeting.date, meeting.ends_at, tzinfo=zone)


def meeting_uid(meeting) -> str:
    """Stable for the life of the meeting: every update and the cancellation name the same event."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "peerpartners"
    return f"orientation-meeting-{meeting.pk}@{host}"


def _organizer() -> str:
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address or "no-reply@peerpartners.localhost"


def calendar(*, meetings, cancel: bool = False, attendee: str = "", now=None) -> str:
    """A calendar of one event per meeting: ``METHOD:REQUEST`` (an invitation or an update) or ``METHOD:CANCEL``.
    ``attendee`` is the address the email goes to (iTIP asks for one in a request)."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancel else 'REQUEST'}",
    ]
    for meeting in meetings:
        orientation = meeting.orientation
        lines += [
            "BEGIN:VEVENT",
            f"UID:{meeting_uid(meeting)}",
            f"SEQUENCE:{meeting.sequence}",
            f"DTSTAMP:{utc_stamp(now)}",
            f"DTSTART:{utc_stamp(meeting_start(meeting))}",
            f"DTEND:{utc_stamp(meeting_end(meeting))}",
            f"SUMMARY:{escape_text(orientation.title)}",
            f"LOCATION:{escape_text(meeting.place)}",
            f"DESCRIPTION:{escape_text(orientation.description or orientation.title)}",
            f"ORGANIZER:mailto:{_organizer()}",
        ]
        if attendee:
            lines.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:{attendee}")
        lines += [f"STATUS:{'CANCELLED' if cancel else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def attachment(*, meetings, cancel: bool = False, attendee: str = "", now=None) -> dict:
    """The calendar as an outbox attachment (``schools.outbox.services.outbox_email``)."""
    return {
        "filename": "cancel.ics" if cancel else "invite.ics",
        "content": calendar(meetings=meetings, cancel=cancel, attendee=attendee, now=now),
        "mimetype": MIMETYPE_CANCEL if cancel else MIMETYPE_REQUEST,
    }
