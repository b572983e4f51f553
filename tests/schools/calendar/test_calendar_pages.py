"""The school calendar's pages: the list per term (read with the roster), adding one day or a break (weekdays only),
deleting a day; bad input said on the page, nothing saved half-way; another school's day is a 404."""

import datetime

import pytest

from schools.models import NonSchoolDay
from tests.schools.factories import TermFactory

D = datetime.date


def weekday_in(term, weekday: int, weeks: int = 1) -> datetime.date:
    """The first ``weekday`` (0 = Monday) at least ``weeks`` weeks into ``term``."""
    day = term.start_date + datetime.timedelta(weeks=weeks)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def test_the_bell_schedules_page_links_the_calendar(client_for):
    page = client_for("staff").get("/bell-schedules/").content.decode()
    assert 'href="/calendar/"' in page


def test_the_list_shows_the_terms_days_and_only_managers_get_the_buttons(client_for, world):
    monday = weekday_in(world.term, 0)
    NonSchoolDay.objects.create(school=world.school, term=world.term, date=monday, name="Teacher work day")
    spring = TermFactory(
        school=world.school,
        name="Spring",
        start_date=world.term.end_date + datetime.timedelta(1),
        end_date=world.term.end_date + datetime.timedelta(days=120),
    )
    spring_day = weekday_in(spring, 1)
    NonSchoolDay.objects.create(school=world.school, term=spring, date=spring_day, name="Presidents' Day")
    NonSchoolDay.objects.create(school=world.other_school, date=monday, name="Putnam's own day")

    page = client_for("staff").get("/calendar/").content.decode()
    assert "Teacher work day" in page
    assert "Presidents&#x27; Day" not in page and "Putnam" not in page
    assert "Add days" not in page and "Delete" not in page

    page = client_for("coordinator").get(f"/calendar/?term={spring.pk}").content.decode()
    assert "Presidents&#x27; Day" in page and "Teacher work day" not in page
    assert "Add days" in page and "Import a calendar" in page and "Delete" in page


@pytest.mark.parametrize("term", ["", "abc", "99999999999999999999999", "-1"])
def test_a_forged_term_shows_the_current_one(client_for, world, term):
    answer = client_for("coordinator").get(f"/calendar/?term={term}")
    assert answer.status_code == 200
    assert f"Non-school days of {world.term.name}" in answer.content.decode()


def test_the_list_costs_the_same_queries_whatever_the_number_of_days(client_for, world, django_assert_max_num_queries):
    client = client_for("coordinator")
    client.get("/calendar/")
    for n in range(25):
        day = world.term.start_date + datetime.timedelta(days=n)
        NonSchoolDay.objects.create(school=world.school, term=world.term, date=day, name=f"Day {n}")
    with django_assert_max_num_queries(12):
        page = client.get("/calendar/")
    assert page.content.decode().count("Day ") >= 25


def test_adding_one_day(client_for, world):
    monday = weekday_in(world.term, 0)
    answer = client_for("coordinator").post(
        "/calendar/new/", {"first": monday.isoformat(), "name": "Teacher work day", "weekdays_only": "on"}, follow=True
    )
    assert "1 day added." in answer.content.decode()
    day = NonSchoolDay.objects.get()
    assert (day.date, day.name, day.term, day.school) == (monday, "Teacher work day", world.term, world.school)


def test_adding_a_weeks_break_leaves_out_the_weekend(client_for, world):
    monday = weekday_in(world.term, 0)
    sunday = monday + datetime.timedelta(days=6)
    answer = client_for("coordinator").post(
        "/calendar/new/",
        {
            "first": monday.strftime("%m/%d/%Y"),
            "last": sunday.isoformat(),
            "name": "Winter break",
            "weekdays_only": "on",
        },
        follow=True,
    )
    assert "5 days added." in answer.content.decode()
    assert [d.weekday() for d in NonSchoolDay.objects.values_list("date", flat=True)] == [0, 1, 2, 3, 4]


def test_a_day_already_there_is_skipped_and_said(client_for, world):
    monday = weekday_in(world.term, 0)
    NonSchoolDay.objects.create(school=world.school, term=world.term, date=monday, name="Teacher work day")
    answer = client_for("coordinator").post(
        "/calendar/new/",
        {
            "first": monday.isoformat(),
            "last": (monday + datetime.timedelta(days=1)).isoformat(),
            "name": "Break",
            "weekdays_only": "on",
        },
        follow=True,
    )
    page = answer.content.decode()
    assert "1 day added." in page and "already in the calendar" in page
    assert NonSchoolDay.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first": "", "name": "Break"}, "This field is required."),
        ({"first": "2026-13-45", "name": "Break"}, "Enter a date such as 2025-09-15."),
        ({"first": "first-monday", "name": "Break"}, "Enter a date such as 2025-09-15."),
        ({"first": "TODAY", "name": ""}, "This field is required."),
        ({"first": "TODAY", "name": "   "}, "This field is required."),
        ({"first": "TODAY", "name": "x" * 121}, "Ensure this value has at most 120 characters"),
        ({"first": "2205-01-05", "name": "Break"}, "Check the year"),
        ({"first": "TODAY", "last": "YESTERDAY", "name": "Break"}, "The last day must be on or after the first day."),
        ({"first": "TODAY", "last": "IN_40_DAYS", "name": "Break"}, "more than 31 days"),
        ({"first": "SATURDAY", "name": "Break"}, "a weekend, no school anyway"),
        ({"first": "OUTSIDE", "name": "Break"}, "outside the school&#x27;s terms"),
    ],
)
def test_bad_input_is_said_and_nothing_is_saved(client_for, world, data, message):
    monday = weekday_in(world.term, 0)
    words = {
        "TODAY": monday,
        "YESTERDAY": monday - datetime.timedelta(days=1),
        "IN_40_DAYS": monday + datetime.timedelta(days=40),
        "SATURDAY": monday + datetime.timedelta(days=5),
        "OUTSIDE": weekday_in(world.term, 0, weeks=-10),
    }
    data = {key: words[value].isoformat() if value in words else value for key, value in data.items()}
    answer = client_for("coordinator").post("/calendar/new/", data)
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert not NonSchoolDay.objects.exists()


def test_deleting_a_day(client_for, world):
    day = NonSchoolDay.objects.create(school=world.school, term=world.term, date=weekday_in(world.term, 2), name="X")
    answer = client_for("school_admin").post(f"/calendar/{day.pk}/delete/", follow=True)
    assert "taken out of the calendar" in answer.content.decode()
    assert not NonSchoolDay.objects.exists()


def test_another_schools_day_is_not_found_and_stays(client_for, world):
    day = NonSchoolDay.objects.create(school=world.school, term=world.term, date=weekday_in(world.term, 2), name="X")
    assert client_for("other_coordinator").post(f"/calendar/{day.pk}/delete/").status_code == 404
    assert client_for("staff").post(f"/calendar/{day.pk}/delete/").status_code == 403
    assert NonSchoolDay.objects.filter(pk=day.pk).exists()
