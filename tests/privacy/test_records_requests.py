"""Requests to inspect records (FERPA 99.10): filed with the date received, due 45 days later, overdue flagged in
words, closed as provided or withdrawn."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from schools.privacy.models import InspectionRequest
from tests.schools.factories import FocusStudentFactory

# Noon in Chicago (East's zone), so the school's date and UTC's date agree.
NOW = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)


def request_data(world, **change):
    return {
        "student": world.focus_student.pk,
        "requested_by": "Erin Bennett",
        "relationship": "Mother",
        "contact": "555-0100",
        "received_on": "2026-11-20",
        "notes": "",
        **change,
    }


@time_machine.travel(NOW, tick=False)
def test_filing_a_request_sets_the_due_date_45_days_later(client_for, world):
    response = client_for("coordinator").post(reverse("privacy:request_add"), request_data(world), follow=True)
    item = InspectionRequest.objects.get()
    assert (item.school, item.student, item.received_on, item.due_on, item.status) == (
        world.school,
        world.focus_student,
        datetime.date(2026, 11, 20),
        datetime.date(2027, 1, 4),
        "open",
    )
    assert item.recorded_by == world.user("coordinator")
    page = response.content.decode()
    assert "The records are due by" in page and "Jan. 4, 2027" in page
    assert response["Cache-Control"].count("no-store") == 1


@time_machine.travel(NOW, tick=False)
def test_the_form_suggests_today_and_explains_the_45_days(client_for, world):
    page = client_for("coordinator").get(reverse("privacy:request_add")).content.decode()
    assert 'value="2026-11-23"' in page
    assert "within 45 days of this date" in page
    assert "The records will be due by <strong data-due-date>Jan 7, 2027</strong>" in page


@time_machine.travel(NOW, tick=False)
def test_a_refused_form_shows_the_due_date_of_the_date_entered(client_for, world):
    response = client_for("coordinator").post(reverse("privacy:request_add"), request_data(world, requested_by=""))
    assert "<strong data-due-date>Jan 4, 2027</strong>" in response.content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "change,message",
    [
        ({"received_on": "2026-11-24"}, "The date received cannot be in the future."),
        ({"received_on": "yesterday"}, "Enter a valid date."),
        ({"received_on": ""}, "This field is required."),
        ({"requested_by": ""}, "This field is required."),
        ({"student": ""}, "This field is required."),
        ({"student": "999999"}, "Select a valid choice."),
        ({"requested_by": "x" * 201}, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client_for, world, change, message):
    response = client_for("coordinator").post(reverse("privacy:request_add"), request_data(world, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InspectionRequest.objects.exists()


def test_another_schools_student_cannot_be_chosen(client_for, world):
    putnam_student = FocusStudentFactory(school=world.other_school, grade=7)
    response = client_for("coordinator").post(
        reverse("privacy:request_add"), request_data(world, student=putnam_student.pk, received_on="2026-01-05")
    )
    assert "Select a valid choice." in response.content.decode()
    assert not InspectionRequest.objects.exists()


def test_a_request_becomes_overdue_the_day_after_its_due_date(client_for, world, records):
    item = records.inspection_request
    due = item.due_on
    # Sessions expire across days: sign in again after each jump.
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(18, 0), tzinfo=datetime.UTC), tick=False):
        client = client_for("coordinator")
        page = client.get(reverse("privacy:request_detail", kwargs={"pk": item.pk})).content.decode()
        assert "Overdue" not in page and "Due by" in page
    after = due + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(after, datetime.time(18, 0), tzinfo=datetime.UTC), tick=False):
        client = client_for("coordinator")
        page = client.get(reverse("privacy:request_detail", kwargs={"pk": item.pk})).content.decode()
        assert "Overdue: the records were due by" in page
        listing = client.get(reverse("privacy:requests")).content.decode()
        assert "Overdue" in listing and "overdue since" in listing


def test_the_list_shows_open_requests_first_with_the_overdue_ones_leading(client_for, world):
    today = datetime.date(2026, 11, 23)
    make = lambda name, days_ago, status="open": InspectionRequest.objects.create(  # noqa: E731
        school=world.school,
        student=world.focus_student,
        requested_by=name,
        status=status,
        received_on=today - datetime.timedelta(days=days_ago),
        due_on=today - datetime.timedelta(days=days_ago) + datetime.timedelta(days=45),
    )
    make("Closed long ago", 100, status="fulfilled")
    make("Recent", 2)
    make("Late", 60)
    with time_machine.travel(NOW, tick=False):
        page = client_for("coordinator").get(reverse("privacy:requests")).content.decode()
    assert page.count("overdue since") == 1
    assert page.index("Late") < page.index("Recent") < page.index("Closed long ago")


def test_marking_a_request_fulfilled_then_a_second_click_changes_nothing(client_for, world, records):
    item = records.inspection_request
    client = client_for("school_admin")
    url = reverse("privacy:request_close", kwargs={"pk": item.pk})
    page = client.post(url, {"status": "fulfilled"}, follow=True).content.decode()
    assert "The request is closed: Records provided." in page
    item.refresh_from_db()
    assert item.status == "fulfilled" and item.fulfilled_on is not None
    page = client.post(url, {"status": "withdrawn"}, follow=True).content.decode()
    assert "This request was already closed." in page
    item.refresh_from_db()
    assert item.status == "fulfilled"


def test_withdrawing_a_request(client_for, records):
    item = records.inspection_request
    client_for("coordinator").post(reverse("privacy:request_close", kwargs={"pk": item.pk}), {"status": "withdrawn"})
    item.refresh_from_db()
    assert (item.status, item.fulfilled_on) == ("withdrawn", None)


@pytest.mark.parametrize("status", ["", "open", "deleted"])
def test_a_bad_close_status_is_refused_with_a_message(client_for, records, status):
    item = records.inspection_request
    page = client_for("coordinator").post(
        reverse("privacy:request_close", kwargs={"pk": item.pk}), {"status": status}, follow=True
    )
    assert "Choose whether the records were provided or the request was withdrawn." in page.content.decode()
    item.refresh_from_db()
    assert item.status == "open"
