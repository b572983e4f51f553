"""The planning meeting's agenda builder: picked from the playbook's due steps, the program's open action items and
the guide's questions; saved on the meeting, printed, or emailed to the planning team through the outbox."""

import datetime

import pytest
from django.urls import reverse

from programs.models import PlaybookStep
from programs.selectors import agenda_choices
from schools.dates import school_today
from tests.programs.factories import ActionItemFactory, ProgramFactory, east_playbook


def agenda_url(east, name="programs:meeting_agenda"):
    return reverse(name, kwargs={"pk": east.program.pk, "meeting_pk": east.meeting.pk})


def test_the_choices_are_the_due_steps_open_items_and_the_guides_questions(world, east):
    objects = east_playbook(world)
    today = school_today(world.school)
    done = ActionItemFactory(program=east.program, owner=world.user("staff"), completed_on=today)
    choices = agenda_choices(program=east.program)

    titles = [step.title for step in choices.steps]
    # Six late steps, then the mid-year check (70 days away) is beyond six weeks: not offered.
    assert len(titles) == 6 and "Mid-year check" not in titles
    assert all(step.late for step in choices.steps)
    assert east.action_item in choices.action_items and done not in choices.action_items
    assert ("recruitment", "How can we strengthen recruitment?") in choices.questions
    assert any(q.startswith("What challenges do you anticipate") for _, q in choices.questions)

    # A step done or skipped is no longer offered; one due within six weeks is.
    PlaybookStep.objects.filter(pk=objects.step.pk).update(done_on=today)
    PlaybookStep.objects.filter(playbook=objects.playbook, template_key="mid_year_check").update(
        due_on=today + datetime.timedelta(weeks=5)
    )
    titles = [step.title for step in agenda_choices(program=east.program).steps]
    assert "The core planning team meets" not in titles and "Mid-year check" in titles


def test_the_agenda_is_built_saved_and_printed(client_for, world, east):
    objects = east_playbook(world)
    client = client_for("coordinator")
    response = client.post(agenda_url(east), {
        "steps": [objects.step.pk], "action_items": [east.action_item.pk],
        "questions": ["recruitment", "funding"], "other": "Welcome our new counselor",
    })
    assert response.status_code == 302

    east.meeting.refresh_from_db()
    agenda = east.meeting.agenda
    assert "From the year playbook\n- The core planning team meets (due " in agenda
    assert f"Open action items\n- {east.action_item.description} (" in agenda
    assert "Questions for the team\n- How can we strengthen recruitment?\n- What funding do we need" in agenda
    assert agenda.endswith("Also\nWelcome our new counselor")

    printed = client.get(agenda_url(east, "programs:meeting_agenda_print")).content.decode()
    assert "Planning meeting agenda" in printed and "How can we strengthen recruitment?" in printed
    # Staff read the printed agenda too.
    assert client_for("staff").get(agenda_url(east, "programs:meeting_agenda_print")).status_code == 200


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"steps": [str(2**70)]}, "steps", "Choose from the list."),
        ({"steps": ["first"]}, "steps", "Choose from the list."),
        ({"action_items": ["999999"]}, "action_items", "Choose from the list."),
        ({"questions": ["why"]}, "questions", "Choose from the list."),
        ({"other": "x" * 4001}, "other", "at most 4000 characters"),
        ({}, "__all__", "Tick at least one item"),
    ],
)
def test_bad_agenda_input_is_refused(client_for, world, east, data, field, message):
    east_playbook(world)
    east.meeting.refresh_from_db()
    before = east.meeting.agenda
    response = client_for("coordinator").post(agenda_url(east), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    east.meeting.refresh_from_db()
    assert east.meeting.agenda == before


def test_another_programs_action_item_is_not_offered(client_for, world, east):
    other = ActionItemFactory(program=ProgramFactory(school=world.school), owner=world.user("staff"))
    response = client_for("coordinator").post(agenda_url(east), {"action_items": [other.pk]})
    assert "Choose from the list." in response.context["form"].errors["action_items"][0]


def test_the_agenda_is_emailed_to_the_planning_team(
    client_for, world, east, mailoutbox, django_capture_on_commit_callbacks
):
    east.meeting.agenda = "Questions for the team\n- How can we strengthen recruitment?"
    east.meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(agenda_url(east, "programs:meeting_agenda_email"), follow=True)
    assert "on its way to 2 members of the planning team" in response.content.decode()
    assert sorted(address for email in mailoutbox for address in email.to) == sorted(
        [world.user("coordinator").email, world.user("staff").email]
    )
    email = mailoutbox[0]
    assert email.subject.startswith("Agenda: Peer to Peer,")
    assert "How can we strengthen recruitment?" in email.body


def test_emailing_without_an_agenda_is_refused(client_for, world, east, mailoutbox):
    east.meeting.agenda = ""
    east.meeting.save()
    response = client_for("coordinator").post(agenda_url(east, "programs:meeting_agenda_email"), follow=True)
    assert "Build and save the agenda first." in response.content.decode()
    assert mailoutbox == []
