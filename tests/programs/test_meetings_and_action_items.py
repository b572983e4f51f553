"""Planning meetings with their action items (owner and due date), saved together or not at all; marking items done."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import services
from programs.models import ActionItem, PlanningMeeting
from schools.dates import school_today
from tests.programs.factories import ActionItemFactory, PlanningMeetingFactory, ProgramFactory
from tests.schools.factories import MembershipFactory


def meeting_data(held_on, items=(), *, existing=(), **fields):
    """POST data for the meeting form: ``items`` are (description, owner pk, due) rows, after the ``existing`` ones."""
    rows = [*existing, *items]
    data = {
        "held_on": held_on,
        "agenda": "Purpose and core components",
        "notes": "",
        "decisions": "Start small with grade 4.",
        "items-TOTAL_FORMS": str(max(len(rows), 3)),
        "items-INITIAL_FORMS": str(len(existing)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "20",
        **fields,
    }
    for index, row in enumerate(rows):
        row = dict(zip(("description", "owner", "due_on", "id", "DELETE"), row, strict=False))
        for key, value in row.items():
            if value is not None:
                data[f"items-{index}-{key}"] = value
    return data


def test_a_meeting_is_recorded_with_its_action_items(client_for, world, east):
    today = school_today(world.school)
    data = meeting_data(
        today.isoformat(),
        [
            ("Draft the brochure", world.user("staff").pk, (today + datetime.timedelta(days=7)).isoformat()),
            ("Ask for gym time", world.user("school_admin").pk, (today + datetime.timedelta(days=1)).isoformat()),
        ],
    )
    response = client_for("coordinator").post(reverse("programs:meeting_create", kwargs={"pk": east.program.pk}), data)

    meeting = PlanningMeeting.objects.exclude(pk=east.meeting.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("programs:meeting_detail", kwargs={"pk": east.program.pk, "meeting_pk": meeting.pk})
    assert meeting.decisions == "Start small with grade 4."
    items = {item.description: item for item in meeting.action_items.all()}
    assert set(items) == {"Draft the brochure", "Ask for gym time"}  # the empty third row is skipped
    assert items["Draft the brochure"].owner == world.user("staff")
    assert items["Draft the brochure"].program == east.program


def test_the_meeting_page_lists_its_action_items(client_for, world, east):
    url = reverse("programs:meeting_detail", kwargs={"pk": east.program.pk, "meeting_pk": east.meeting.pk})
    html = client_for("staff").get(url).content.decode()
    assert east.action_item.description in html
    assert "Start small with one grade level." in html


def today_iso(world, days=0):
    return (school_today(world.school) + datetime.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "held_on,row,where,message",
    [
        ("", None, "held_on", "Give the date of the meeting."),
        ("2025-13-01", None, "held_on", "Enter a date such as"),
        ("1925-01-01", None, "held_on", "Check the year"),
        ("today", ("Draft", "staff", "2025-02-30"), "due_on", "Enter a date such as"),
        ("today", ("Draft", "staff", "yesterday"), "due_on", "cannot be due before the meeting"),
        ("today", ("Draft", "", "in a week"), "owner", "Choose who will do it."),
        ("today", ("", "staff", "in a week"), "description", "Say what needs doing."),
        ("today", ("Draft", "staff", ""), "due_on", "Give a due date."),
        ("today", ("x" * 301, "staff", "in a week"), "description", "at most 300 characters"),
        ("today", ("Draft", "other_coordinator", "in a week"), "owner", "Choose a staff member of your school"),
        ("today", ("Draft", "peer", "in a week"), "owner", "Choose a staff member of your school"),
    ],
)
def test_bad_meeting_input_is_refused_and_nothing_is_saved(client_for, world, east, held_on, row, where,
                                                           message):
    dates = {"today": today_iso(world), "yesterday": today_iso(world, -1), "in a week": today_iso(world, 7)}
    held_on = dates.get(held_on, held_on)
    items = []
    if row:
        description, owner, due_on = row
        owner = world.user(owner).pk if owner else ""
        items = [(description, owner, dates.get(due_on, due_on))]
    url = reverse("programs:meeting_create", kwargs={"pk": east.program.pk})
    response = client_for("coordinator").post(url, meeting_data(held_on, items))

    assert response.status_code == 200
    errors = response.context["form"].errors if where == "held_on" else response.context["formset"].errors[0]
    assert any(message in error for error in errors[where]), errors
    assert PlanningMeeting.objects.count() == 1
    assert ActionItem.objects.count() == 1


def test_a_meeting_with_too_many_rows_is_refused(client_for, world, east):
    rows = [(f"Item {n}", world.user("staff").pk, today_iso(world, 3)) for n in range(21)]
    response = client_for("coordinator").post(
        reverse("programs:meeting_create", kwargs={"pk": east.program.pk}), meeting_data(today_iso(world), rows)
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert ActionItem.objects.count() == 1


def edit_url(east, meeting=None):
    meeting = meeting or east.meeting
    return reverse("programs:meeting_update", kwargs={"pk": east.program.pk, "meeting_pk": meeting.pk})


def existing_row(item, **changes):
    row = {"description": item.description, "owner": item.owner_id, "due_on": item.due_on.isoformat(), "id": item.pk}
    row.update(changes)
    return (row["description"], row["owner"], row["due_on"], row["id"], row.get("DELETE"))


def test_editing_a_meeting_changes_deletes_and_adds_items(client_for, world, east):
    second = ActionItemFactory(program=east.program, meeting=east.meeting, owner=world.user("staff"))
    data = meeting_data(
        east.meeting.held_on.isoformat(),
        [("Book the bus", world.user("school_admin").pk, today_iso(world, 10))],
        existing=[
            existing_row(east.action_item, description="Draft the brochure, in Spanish too"),
            existing_row(second, DELETE="on"),
        ],
    )
    response = client_for("coordinator").post(edit_url(east), data)

    assert response.status_code == 302, response.context["formset"].errors
    descriptions = set(east.meeting.action_items.values_list("description", flat=True))
    assert descriptions == {"Draft the brochure, in Spanish too", "Book the bus"}


def test_a_new_owner_or_date_gets_a_new_reminder(client_for, world, east):
    ActionItem.objects.filter(pk=east.action_item.pk).update(reminder_sent_at=datetime.datetime.now(datetime.UTC))
    data = meeting_data(
        east.meeting.held_on.isoformat(),
        existing=[existing_row(east.action_item, due_on=today_iso(world, 20))],
    )
    assert client_for("coordinator").post(edit_url(east), data).status_code == 302
    east.action_item.refresh_from_db()
    assert east.action_item.reminder_sent_at is None


def test_another_meetings_item_id_in_the_post_is_refused(client_for, world, east):
    other_meeting = PlanningMeetingFactory(program=east.program)
    foreign = ActionItemFactory(program=east.program, meeting=other_meeting, owner=world.user("staff"))
    putnam_item = ActionItemFactory(
        program=ProgramFactory(school=world.other_school), owner=world.user("other_coordinator")
    )
    for stolen in (foreign, putnam_item):
        data = meeting_data(
            east.meeting.held_on.isoformat(),
            existing=[existing_row(east.action_item)],
            items=[(f"Hijacked {stolen.pk}", world.user("staff").pk, today_iso(world, 3), stolen.pk)],
        )
        response = client_for("coordinator").post(edit_url(east), data)
        assert response.status_code == 200
        assert "not one of this meeting's" in str(response.context["formset"].errors)
        stolen.refresh_from_db()
        assert not stolen.description.startswith("Hijacked")
        assert stolen.meeting_id != east.meeting.pk


def test_moving_a_meeting_after_its_items_due_dates_is_refused(client_for, world, east):
    east.action_item.due_on = school_today(world.school)
    east.action_item.save()
    data = meeting_data(today_iso(world, 5), existing=[existing_row(east.action_item)])
    response = client_for("coordinator").post(edit_url(east), data)
    assert response.status_code == 200
    assert "cannot be due before the meeting" in str(response.context["formset"].errors)
    east.meeting.refresh_from_db()
    assert east.meeting.held_on != school_today(world.school) + datetime.timedelta(days=5)


def test_a_general_educator_reads_meetings_but_cannot_record_them(client_for, world, east):
    client = client_for("staff")
    assert client.get(reverse("programs:meetings", kwargs={"pk": east.program.pk})).status_code == 200
    data = meeting_data(today_iso(world))
    assert client.post(reverse("programs:meeting_create", kwargs={"pk": east.program.pk}), data).status_code == 403
    assert PlanningMeeting.objects.count() == 1


# --- Marking action items done ------------------------------------------------------------------------------------


def complete(client, item, **data):
    return client.post(reverse("programs:action_item_complete", kwargs={"item_pk": item.pk}), data)


def test_the_owner_marks_their_item_done_and_can_reopen_it(client_for, world, east):
    response = complete(client_for("coordinator"), east.action_item)
    assert response.status_code == 302
    east.action_item.refresh_from_db()
    assert east.action_item.completed_on == school_today(world.school)

    client_for("coordinator").post(reverse("programs:action_item_reopen", kwargs={"item_pk": east.action_item.pk}))
    east.action_item.refresh_from_db()
    assert east.action_item.completed_on is None


def test_a_general_educator_marks_their_own_item_but_not_someone_elses(client_for, world, east):
    own = ActionItemFactory(program=east.program, meeting=east.meeting, owner=world.user("staff"))
    client = client_for("staff")
    assert complete(client, own).status_code == 302
    assert complete(client, east.action_item).status_code == 403
    east.action_item.refresh_from_db()
    assert east.action_item.completed_on is None


def test_done_twice_keeps_the_first_date(client_for, world, east):
    east.action_item.completed_on = school_today(world.school) - datetime.timedelta(days=3)
    east.action_item.save()
    complete(client_for("coordinator"), east.action_item)
    east.action_item.refresh_from_db()
    assert east.action_item.completed_on == school_today(world.school) - datetime.timedelta(days=3)


def test_marking_done_from_the_dashboard_goes_back_there(client_for, east):
    response = complete(client_for("coordinator"), east.action_item, next=reverse("dashboard"))
    assert response.url == reverse("dashboard")


def test_an_outside_next_address_is_ignored(client_for, east):
    response = complete(client_for("coordinator"), east.action_item, next="https://evil.example.com/")
    assert response.url == reverse(
        "programs:meeting_detail", kwargs={"pk": east.program.pk, "meeting_pk": east.meeting.pk}
    )


def test_an_item_of_another_school_is_not_found(client_for, world):
    other = ActionItemFactory(program=ProgramFactory(school=world.other_school), owner=world.user("coordinator"))
    # Even its owner must switch to that school first: objects are reached only through the active school.
    MembershipFactory(school=world.other_school, user=world.user("coordinator"), role="special_educator")
    assert complete(client_for("coordinator"), other).status_code == 404


def test_the_service_saves_no_meeting_when_an_action_item_is_refused(world, east):
    today = school_today(world.school)
    with pytest.raises(ValidationError) as error:
        services.planning_meeting_create(
            program=east.program,
            held_on=today,
            decisions="Start small.",
            action_items=[
                services.ActionItemChange(description="Fine", owner=world.user("staff"), due_on=today),
                services.ActionItemChange(description="Outsider", owner=world.user("other_coordinator"), due_on=today),
            ],
        )
    assert "owner" in error.value.message_dict
    assert PlanningMeeting.objects.count() == 1
    assert ActionItem.objects.count() == 1


def test_the_service_refuses_an_item_of_another_meeting(world, east):
    other = ActionItemFactory(program=east.program, meeting=PlanningMeetingFactory(program=east.program),
                              owner=world.user("staff"))
    with pytest.raises(ValidationError):
        services.planning_meeting_update(
            meeting=east.meeting,
            held_on=east.meeting.held_on,
            action_items=[services.ActionItemChange(item=other, delete=True)],
        )
    assert ActionItem.objects.filter(pk=other.pk).exists()
