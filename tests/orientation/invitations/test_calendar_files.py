"""The calendar file (RFC 5545): escaped text, lines folded at 75 octets with CRLF, a stable UID, SEQUENCE from the
meeting, DTSTAMP, times in UTC converted from the school's time zone, REQUEST or CANCEL."""

import datetime

from orientation.invitations import ics
from tests.orientation.factories import InvitationsOrientationFactory, MeetingFactory
from tests.schools.factories import SchoolFactory

NOW = datetime.datetime(2026, 9, 1, 12, 0, 5, tzinfo=datetime.UTC)


def test_text_is_escaped():
    assert ics.escape_text("Room 12; library, 2nd floor\\annex\nbring a pen") == (
        "Room 12\\; library\\, 2nd floor\\\\annex\\nbring a pen"
    )


def test_long_lines_are_folded_at_75_octets_never_inside_a_character():
    line = "SUMMARY:" + "Orientación para compañeros — " * 6
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line


def test_a_short_line_is_left_alone():
    assert ics.fold("UID:1@x") == "UID:1@x"


def meeting_in(zone, **fields):
    school = SchoolFactory(time_zone=zone)
    orientation = InvitationsOrientationFactory(
        program__school=school, title="Fall orientation, part 1", description="Meet your partners; ask anything"
    )
    return MeetingFactory(orientation=orientation, date=datetime.date(2026, 9, 15), starts_at=datetime.time(15, 15),
                          ends_at=datetime.time(16, 0), place="Library; room 2", **fields)


def lines(text):
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_a_request_names_the_meeting_with_its_uid_sequence_and_utc_times(db):
    meeting = meeting_in("America/Chicago")
    meeting.sequence = 3

    content = lines(ics.calendar(meetings=[meeting], attendee="sofia@example.org", now=NOW))

    assert content[:5] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ics.PRODID}", "CALSCALE:GREGORIAN", "METHOD:REQUEST"
    ]
    assert f"UID:orientation-meeting-{meeting.pk}@127.0.0.1" in content
    assert "SEQUENCE:3" in content
    assert "DTSTAMP:20260901T120005Z" in content
    # 3:15 PM in Chicago in September (CDT, UTC-5).
    assert "DTSTART:20260915T201500Z" in content and "DTEND:20260915T210000Z" in content
    assert "SUMMARY:Fall orientation\\, part 1" in content
    assert "LOCATION:Library\\; room 2" in content
    assert "ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:sofia@example.org" in content
    assert "STATUS:CONFIRMED" in content
    assert content[-2:] == ["END:VEVENT", "END:VCALENDAR"]


def test_the_schools_zone_decides_the_utc_time(db):
    content = lines(ics.calendar(meetings=[meeting_in("America/Los_Angeles")], now=NOW))
    assert "DTSTART:20260915T221500Z" in content


def test_a_cancellation_keeps_the_uid(db):
    meeting = meeting_in("America/Chicago")
    request = lines(ics.calendar(meetings=[meeting], now=NOW))
    cancel = lines(ics.calendar(meetings=[meeting], cancel=True, now=NOW))

    assert "METHOD:CANCEL" in cancel and "STATUS:CANCELLED" in cancel
    assert [line for line in request if line.startswith("UID:")] == [line for line in cancel if line.startswith("UID:")]
