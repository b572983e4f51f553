"""Bell schedules: the periods matching and shared activities use."""

import pytest
from django.urls import reverse

from schools.models import Period
from tests.schools.factories import BellScheduleFactory, PeriodFactory, TermFactory


def test_staff_read_the_bell_schedule(client_for, world):
    html = client_for("staff").get(reverse("bell_schedules")).content.decode()
    assert "Regular day" in html and "Lunch" in html
    assert "Add a period" not in html


def test_coordinator_adds_and_edits_a_period(client_for, world):
    client = client_for("coordinator")
    add = reverse("period_add", kwargs={"schedule_pk": world.bell_schedule.pk})
    response = client.post(add, {"order": 2, "name": "Recess", "kind": "recess", "starts_at": "12:30",
                                 "ends_at": "12:50"})
    assert response.status_code == 302
    recess = Period.objects.get(name="Recess")
    edit = reverse("period_edit", kwargs={"schedule_pk": world.bell_schedule.pk, "period_pk": recess.pk})
    client.post(edit, {"order": 2, "name": "Recess", "kind": "recess", "starts_at": "12:30", "ends_at": "13:00"})
    recess.refresh_from_db()
    assert recess.ends_at.hour == 13


@pytest.mark.parametrize(
    "data,message",
    [
        ({"order": 2, "name": "Late", "kind": "class", "starts_at": "10:00", "ends_at": "09:00"},
         "A period must end after it starts."),
        ({"order": 1, "name": "Same order", "kind": "class", "starts_at": "10:00", "ends_at": "10:50"},
         "already exists"),
        ({"order": 2, "name": "", "kind": "class", "starts_at": "10:00", "ends_at": "10:50"},
         "This field is required."),
        ({"order": 2, "name": "Bad time", "kind": "class", "starts_at": "25:99", "ends_at": "10:50"},
         "Enter a valid time."),
        ({"order": 2, "name": "Forged", "kind": "detention", "starts_at": "10:00", "ends_at": "10:50"},
         "Select a valid choice."),
    ],
)
def test_bad_period_input_is_explained(client_for, world, data, message):
    add = reverse("period_add", kwargs={"schedule_pk": world.bell_schedule.pk})
    response = client_for("coordinator").post(add, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Period.objects.count() == 1


def test_a_period_of_another_schedule_is_not_found_through_this_one(client_for, world):
    other = PeriodFactory(schedule=BellScheduleFactory(school=world.school, term=world.term, name="Late start"))
    url = reverse("period_edit", kwargs={"schedule_pk": world.bell_schedule.pk, "period_pk": other.pk})
    assert client_for("coordinator").get(url).status_code == 404


def test_coordinator_adds_a_bell_schedule_for_one_of_the_schools_terms(client_for, world):
    from schools.models import BellSchedule

    client = client_for("coordinator")
    url = reverse("bell_schedule_add")
    response = client.post(url, {"term": world.term.pk, "name": "Early release"})
    assert response.status_code == 302
    assert BellSchedule.objects.filter(school=world.school, name="Early release").exists()

    duplicate = client.post(url, {"term": world.term.pk, "name": "Early release"})
    assert "already exists" in duplicate.content.decode()
    putnam_term = TermFactory(school=world.other_school)
    forged = client.post(url, {"term": putnam_term.pk, "name": "Forged"})
    assert "Select a valid choice." in forged.content.decode()
    assert not BellSchedule.objects.filter(name="Forged").exists()
