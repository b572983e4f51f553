"""Start small, expand on purpose: stages with a target and a date, reached one after the other."""

import datetime

import pytest
from django.urls import reverse

from programs.models import ExpansionStage
from schools.dates import school_today


def add(client, program, **data):
    fields = {"order": "", "description": "One grade level at a time", "target": "10 peers", "target_date": "",
              "reached_on": ""}
    fields.update(data)
    return client.post(reverse("programs:stage_add", kwargs={"pk": program.pk}), fields)


def test_a_stage_without_a_step_number_goes_last(client_for, east):
    assert add(client_for("coordinator"), east.program).status_code == 302
    assert list(ExpansionStage.objects.filter(program=east.program).values_list("order", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"order": "1"}, "order", "Step 1 is already in the plan."),
        ({"order": "0"}, "order", "greater than or equal to 1"),
        ({"order": "-3"}, "order", "greater than or equal to 1"),
        ({"order": "two"}, "order", "Enter a whole number."),
        ({"order": "99999"}, "order", "less than or equal to 50"),
        ({"description": ""}, "description", "This field is required."),
        ({"description": "x" * 201}, "description", "at most 200 characters"),
        ({"target_date": "2025-02-29"}, "target_date", "Enter a date such as"),
        ({"target_date": "3025-01-01"}, "target_date", "Check the year"),
        ({"reached_on": "2999-01-01"}, "reached_on", "cannot be reached in the future"),
    ],
)
def test_bad_stage_input_is_refused(client_for, east, data, field, message):
    response = add(client_for("coordinator"), east.program, **data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field]), response.context["form"].errors
    assert ExpansionStage.objects.count() == 1


def test_marking_a_stage_reached_dates_it_today(client_for, world, east):
    url = reverse("programs:stage_reached", kwargs={"pk": east.program.pk, "stage_pk": east.stage.pk})
    response = client_for("coordinator").post(url, follow=True)
    east.stage.refresh_from_db()
    assert east.stage.reached_on == school_today(world.school)
    assert "Well done" in next(str(m) for m in response.context["messages"])


def test_editing_a_stage_keeps_its_step_when_left_empty(client_for, east):
    url = reverse("programs:stage_edit", kwargs={"pk": east.program.pk, "stage_pk": east.stage.pk})
    data = {"order": "", "description": "Three students first", "target": "", "target_date": "",
            "reached_on": (datetime.date.today() - datetime.timedelta(days=1)).isoformat()}
    assert client_for("coordinator").post(url, data).status_code == 302
    east.stage.refresh_from_db()
    assert east.stage.order == 1 and east.stage.description == "Three students first"


def test_the_overview_shows_upcoming_targets(client_for, east):
    html = client_for("staff").get(reverse("programs:detail", kwargs={"pk": east.program.pk})).content.decode()
    assert east.stage.description in html
