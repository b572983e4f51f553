"""Follow-up meetings: notes, action items that are the program's own (not copies), the agenda built like a planning
meeting's, and the panel on an orientation's page shown only for follow-ups."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orientation.followups import services
from orientation.followups.selectors import orientation_panel
from orientation.models import Orientation
from programs.models import ActionItem
from schools.dates import school_today
from tests.orientation.factories import FollowupFactory, east_followup
from tests.programs.factories import east_playbook


def url(name, followup):
    return reverse(f"orientation:{name}", kwargs={"pk": followup.pk})


def test_notes_are_saved_and_shown(client_for, world, east):
    followup = east_followup(world)
    client = client_for("coordinator")
    notes = "Peers shared what works at lunch.\nEmerging issue: the gym is loud.\nIdea: a quiet corner."
    response = client.post(url("followup_notes", followup), {"notes": notes})
    assert response.status_code == 302 and response.url == url("followup", followup)

    followup.refresh_from_db()
    assert followup.notes == notes
    page = client_for("staff").get(url("followup", followup)).content.decode()
    assert "Emerging issue: the gym is loud." in page
    assert "Write the notes" not in page  # staff read, the coordinator writes


def test_too_long_notes_are_refused(client_for, world, east):
    followup = east_followup(world)
    response = client_for("coordinator").post(url("followup_notes", followup), {"notes": "x" * 4001})
    assert response.status_code == 200
    assert "at most 4000 characters" in response.context["form"].errors["notes"][0]
    followup.refresh_from_db()
    assert followup.notes == ""


def test_an_action_item_is_the_programs_own_and_completed_like_any_other(client_for, world, east):
    followup = east_followup(world)
    due = school_today(world.school) + datetime.timedelta(days=5)
    client = client_for("coordinator")
    response = client.post(
        url("followup_action_item_add", followup),
        {"description": "Ask the librarian about a quiet corner", "owner": world.user("staff").pk,
         "due_on": due.isoformat()},
    )
    assert response.status_code == 302

    item = ActionItem.objects.get(description="Ask the librarian about a quiet corner")
    assert item.program == east.program and item.meeting is None and item.due_on == due
    assert list(followup.action_items.all()) == [item]
    assert ActionItem.objects.filter(program=east.program).count() == 2  # one row, not a copy
    # It is on its owner's dashboard with their other action items.
    staff = client_for("staff")
    assert "Ask the librarian about a quiet corner" in staff.get(reverse("dashboard")).content.decode()

    page = client.get(url("followup", followup)).content.decode()
    assert reverse("programs:action_item_complete", kwargs={"item_pk": item.pk}) in page
    response = client.post(
        reverse("programs:action_item_complete", kwargs={"item_pk": item.pk}), {"next": url("followup", followup)}
    )
    assert response.url == url("followup", followup)
    item.refresh_from_db()
    assert item.completed_on == school_today(world.school)


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"description": ""}, "description", "Say what needs doing."),
        ({"description": "x" * 301}, "description", "at most 300 characters"),
        ({"owner": ""}, "owner", "Choose who will do it."),
        ({"owner": str(2**70)}, "owner", "Choose a staff member of your school from the list."),
        ({"owner": "someone"}, "owner", "Choose a staff member of your school from the list."),
        ({"due_on": ""}, "due_on", "Give a due date."),
        ({"due_on": "soon"}, "due_on", "Enter a date such as 2025-09-15."),
        ({"due_on": "2205-01-01"}, "due_on", "far from today"),
    ],
)
def test_bad_action_item_input_is_refused(client_for, world, east, data, field, message):
    followup = east_followup(world)
    good = {"description": "Call the family", "owner": world.user("staff").pk,
            "due_on": school_today(world.school).isoformat()}
    before = ActionItem.objects.count()
    response = client_for("coordinator").post(url("followup_action_item_add", followup), {**good, **data})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert ActionItem.objects.count() == before
    assert not followup.action_items.exists()


def test_an_owner_of_another_school_is_refused(client_for, world, east):
    followup = east_followup(world)
    response = client_for("coordinator").post(
        url("followup_action_item_add", followup),
        {"description": "Call", "owner": world.user("other_coordinator").pk,
         "due_on": school_today(world.school).isoformat()},
    )
    assert "Choose a staff member of your school from the list." in response.context["form"].errors["owner"]


def test_the_agenda_is_built_from_the_programs_choices_and_emailed(
    client_for, world, east, mailoutbox, django_capture_on_commit_callbacks
):
    followup = east_followup(world)
    objects = east_playbook(world)
    client = client_for("coordinator")
    response = client.post(url("followup_agenda", followup), {
        "steps": [objects.step.pk], "action_items": [east.action_item.pk], "questions": ["orientation"],
        "other": "What peers told us about recess",
    })
    assert response.status_code == 302
    followup.refresh_from_db()
    assert "- How can we improve orientation meetings?" in followup.agenda
    assert "- The core planning team meets (due " in followup.agenda
    assert "What peers told us about recess" in followup.agenda

    printed = client_for("staff").get(url("followup_agenda_print", followup)).content.decode()
    assert "How can we improve orientation meetings?" in printed

    with django_capture_on_commit_callbacks(execute=True):
        client = client_for("coordinator")
        response = client.post(url("followup_agenda_email", followup), follow=True)
    assert "on its way to 2 members of the planning team" in response.content.decode()
    assert len(mailoutbox) == 2
    assert "Winter follow-up" in mailoutbox[0].body


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"steps": ["999999"]}, "steps", "Choose from the list."),
        ({"action_items": [str(2**70)]}, "action_items", "Choose from the list."),
        ({"questions": ["nothing"]}, "questions", "Choose from the list."),
        ({"other": "x" * 4001}, "other", "at most 4000 characters"),
        ({}, "__all__", "Tick at least one item"),
    ],
)
def test_bad_agenda_input_is_refused(client_for, world, east, data, field, message):
    followup = east_followup(world)
    response = client_for("coordinator").post(url("followup_agenda", followup), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    followup.refresh_from_db()
    assert followup.agenda == ""


def test_emailing_without_an_agenda_is_refused(client_for, world, east, mailoutbox):
    followup = east_followup(world)
    response = client_for("coordinator").post(url("followup_agenda_email", followup), follow=True)
    assert "Build and save the agenda first." in response.content.decode()
    assert mailoutbox == []


def test_an_initial_orientation_has_no_followup_pages_nor_panel(client_for, world, east):
    initial = FollowupFactory(program=east.program, term=world.term, kind=Orientation.Kind.INITIAL)
    assert client_for("coordinator").get(url("followup", initial)).status_code == 404
    assert orientation_panel(orientation=initial, access=None) == {}
    with pytest.raises(ValidationError, match="Only a follow-up meeting"):
        services.followup_notes_save(orientation=initial, notes="x")


def test_the_panel_lists_the_followups_action_items_overdue_flagged(client_for, world, east):
    followup = east_followup(world)
    item = services.followup_action_item_add(
        orientation=followup, description="Book the library", owner=world.user("coordinator"),
        due_on=school_today(world.school) - datetime.timedelta(days=1),
    )
    response = client_for("coordinator").get(url("followup", followup))
    panel = response.context["panel"]
    assert panel["action_items"] == [item] and panel["action_items"][0].overdue
    assert "Overdue" in response.content.decode()


def test_the_orientations_page_shows_the_followup_panel_only_for_a_followup(client_for, world, east):
    followup = east_followup(world)
    services.followup_notes_save(orientation=followup, notes="The gym is loud at lunch.")
    initial = FollowupFactory(program=east.program, term=world.term, kind=Orientation.Kind.INITIAL)
    client = client_for("coordinator")

    page = client.get(reverse("orientation:detail", kwargs={"pk": followup.pk})).content.decode()
    assert "Follow-up: notes, agenda and action items" in page
    assert "The gym is loud at lunch." in page
    assert url("followup", followup) in page

    page = client.get(reverse("orientation:detail", kwargs={"pk": initial.pk})).content.decode()
    assert "Follow-up: notes, agenda and action items" not in page
