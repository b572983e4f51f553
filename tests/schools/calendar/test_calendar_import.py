"""Importing non-school days: a CSV (date,name; a header, ISO or US dates, blank lines) or a district's ICS calendar
(all-day events, several days expanded, weekends skipped, days outside the terms reported). A bad line refuses the
whole file with a message per line; a broken file is a message, never a 500; nothing is saved half-way."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from schools.calendar import services
from schools.models import NonSchoolDay
from tests.schools.factories import TermFactory

D = datetime.date
URL = "/calendar/import/"


@pytest.fixture
def year(world):
    """A school year of East around the dates of the files: Aug 17, 2026 to Jun 4, 2027."""
    return TermFactory(
        school=world.school, name="2026-27", kind="school_year", start_date=D(2026, 8, 17), end_date=D(2027, 6, 4)
    )


def upload(client, name: str, content: bytes, **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)}, follow=True, **extra)


def saved():
    return list(NonSchoolDay.objects.order_by("date").values_list("date", "name"))


def test_a_csv_with_a_header_blank_lines_and_both_date_styles(client_for, world, year):
    content = (
        b"Date,Name\r\n2026-11-26,Thanksgiving\r\n\r\n11/27/2026,Day after Thanksgiving\r\n,\r\n1/18/27,MLK Day\r\n"
    )
    page = upload(client_for("coordinator"), "calendar.csv", content).content.decode()
    assert "3 days added." in page
    assert saved() == [
        (D(2026, 11, 26), "Thanksgiving"),
        (D(2026, 11, 27), "Day after Thanksgiving"),
        (D(2027, 1, 18), "MLK Day"),
    ]
    # Each day belongs to the shortest term holding it (a semester rather than the school year).
    for row in NonSchoolDay.objects.all():
        holding = [t for t in (world.term, year) if t.start_date <= row.date <= t.end_date]
        assert row.term == min(holding, key=lambda t: t.end_date - t.start_date)


def test_a_csv_in_excels_code_page_with_a_comma_in_a_quoted_name(world, year):
    report = services.non_school_days_import(
        school=world.school, data='2026-12-21,"Winter break, first day — no school"\n'.encode("cp1252"), kind="csv"
    )
    assert [d.name for d in report.added] == ["Winter break, first day — no school"]


def test_every_bad_line_is_named_and_nothing_is_saved(client_for, world, year):
    content = (
        b"date,name\n"
        b"2026-11-26,Thanksgiving\n"
        b"2026-13-45,Nonsense\n"
        b"26/11/2026,European date\n"
        b"2026-11-27\n"
        b"2026-11-26,Twice\n"
        b"2026-12-01," + b"x" * 121 + b"\n"
    )
    page = upload(client_for("coordinator"), "calendar.csv", content).content.decode()
    assert "Line 3: “2026-13-45” is not a date (write 2026-11-26 or 11/26/2026)." in page
    assert "Line 4: “26/11/2026” is not a date" in page
    assert "Line 5: say what 2026-11-27 is after a comma (date,name)." in page
    assert "Line 6: 2026-11-26 is already on line 2." in page
    assert "Line 7: the name is longer than 120 characters." in page
    assert saved() == []


def test_a_long_bad_file_lists_the_first_errors_and_counts_the_rest(world, year):
    content = "\n".join(f"bad {n},x" for n in range(45)).encode()
    with pytest.raises(services.ValidationError) as error:
        services.non_school_days_import(school=world.school, data=content, kind="csv")
    assert len(error.value.messages) == 21
    assert error.value.messages[-1] == "… and 25 more."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("calendar.csv", b"", "The submitted file is empty."),
        ("calendar.csv", b"\n\n  \n", "The file is empty"),
        ("calendar.csv", b"date,name\n", "The file holds no days"),
        ("calendar.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "This is not a text file"),
        ("calendar.csv", b"\x81\x8d\x8f\x90\x9d", "This is not a text file"),
        ("calendar.xlsx", b"PK\x03\x04", "Choose a .csv or an .ics file."),
        ("calendar.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026XXXX\r\n", "could not be read"),
        ("calendar.ics", b"hello", "This is not a calendar file"),
        ("calendar.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "The calendar holds no events."),
        ("calendar.csv", b"2026-11-26,Thanksgiving\n" * 50_000, "larger than 1 MB"),
    ],
)
def test_a_broken_file_is_a_message_never_a_500(client_for, world, year, name, content, message):
    answer = upload(client_for("coordinator"), name, content)
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert saved() == []


def test_no_file_is_said(client_for, world):
    answer = client_for("coordinator").post(URL, {})
    assert "This field is required." in answer.content.decode()


def ics(*events: str) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@district.example.org\r\nDTSTAMP:20260801T000000Z\r\n{e}END:VEVENT\r\n"
        for n, e in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//District//Calendar//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_a_district_ics_calendar(client_for, world, year):
    content = ics(
        # Thanksgiving break, Wed to Fri: DTEND is the day after the last day.
        "SUMMARY:Thanksgiving Break\r\nDTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261128\r\n",
        # Winter break over two weeks: the weekends are left out.
        "SUMMARY:Winter Break\r\nDTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20270102\r\n",
        # One day without DTEND.
        "SUMMARY:Teacher Work Day\r\nDTSTART;VALUE=DATE:20270118\r\n",
        # Not breaks: a timed event, a cancelled one, a repeating one.
        "SUMMARY:Board meeting\r\nDTSTART:20261110T230000Z\r\nDTEND:20261111T010000Z\r\n",
        "SUMMARY:Snow day\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20270201\r\n",
        "SUMMARY:Early release\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nDTSTART;VALUE=DATE:20270203\r\n",
        # Summer: outside the school's terms.
        "SUMMARY:Juneteenth\r\nDTSTART;VALUE=DATE:20270618\r\nDTEND;VALUE=DATE:20270619\r\n",
    )
    page = upload(client_for("coordinator"), "district.ics", content).content.decode()
    assert "14 days added." in page
    assert "“Board meeting”: not an all-day event." in page
    assert "“Snow day”: cancelled in the calendar." in page
    assert "“Early release”: a repeating event; add its days by hand." in page
    assert "Fri Jun 18, 2027: outside the school&#x27;s terms." in page
    dates = [d for d, _ in saved()]
    assert dates[:3] == [D(2026, 11, 25), D(2026, 11, 26), D(2026, 11, 27)]
    assert all(d.weekday() < 5 for d in dates)
    assert D(2026, 12, 26) not in dates and D(2027, 1, 1) in dates
    assert dates[-1] == D(2027, 1, 18)
    assert len(dates) == 3 + 10 + 1


def test_importing_the_same_calendar_twice_adds_nothing_the_second_time(world, year):
    content = ics("SUMMARY:Thanksgiving\r\nDTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261128\r\n")
    assert len(services.non_school_days_import(school=world.school, data=content, kind="ics").added) == 2
    again = services.non_school_days_import(school=world.school, data=content, kind="ics")
    assert again.added == [] and len(again.skipped) == 2
    assert NonSchoolDay.objects.count() == 2


def test_a_ics_file_named_csv_is_still_read_as_a_calendar(client_for, world, year):
    content = ics("SUMMARY:Thanksgiving\r\nDTSTART;VALUE=DATE:20261126\r\n")
    page = upload(client_for("coordinator"), "export.csv", content).content.decode()
    assert "1 day added." in page


def test_a_calendar_of_only_timed_events_adds_nothing_and_says_why(client_for, world, year):
    content = ics("SUMMARY:Board meeting\r\nDTSTART:20261110T230000Z\r\nDTEND:20261111T010000Z\r\n")
    page = upload(client_for("coordinator"), "district.ics", content).content.decode()
    assert "No day added." in page and "“Board meeting”: not an all-day event." in page
    assert saved() == []
