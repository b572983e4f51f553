"""The playbook page: making this year's, the steps by month with late ones marked and links to where each is done,
changing, adding, doing and skipping steps, and every bad input refused on the form."""

import datetime

import pytest
from django.urls import reverse

from programs.models import Playbook, PlaybookStep
from programs.playbook.selectors import step_link
from programs.playbook.services import playbook_generate
from schools.dates import school_today
from tests.programs.factories import east_playbook, school_year
from tests.schools.factories import TermFactory


def page_url(program):
    return reverse("programs:playbook", kwargs={"pk": program.pk})


def edit_url(step):
    return reverse("programs:playbook_step_edit", kwargs={"pk": step.playbook.program_id, "step_pk": step.pk})


def add_url(playbook):
    return reverse("programs:playbook_step_add", kwargs={"pk": playbook.program_id, "playbook_pk": playbook.pk})


def test_without_a_school_year_the_page_says_where_to_add_it(client_for, world, east):
    client = client_for("coordinator")
    page = client.get(page_url(east.program)).content.decode()
    assert "The school has not entered its school year as a term yet." in page
    assert "Make the playbook" not in page

    response = client.post(reverse("programs:playbook_generate", kwargs={"pk": east.program.pk}), follow=True)
    assert "Enter this school year as a term first" in response.content.decode()
    assert not Playbook.objects.exists()


def test_the_coordinator_makes_this_years_playbook(client_for, world, east):
    today = school_today(world.school)
    school_year(world.school, start=today - datetime.timedelta(days=10), end=today + datetime.timedelta(days=250),
                name="2026–27")
    TermFactory(school=world.school, kind="semester", name="Fall semester")  # not a school year
    client = client_for("coordinator")
    assert "Make the playbook for 2026–27" in client.get(page_url(east.program)).content.decode()

    response = client.post(reverse("programs:playbook_generate", kwargs={"pk": east.program.pk}), follow=True)

    page = response.content.decode()
    assert "The playbook for 2026–27 is ready" in page
    assert "Year playbook: 2026–27" in page
    assert "Present the plan to the school faculty" in page
    assert Playbook.objects.get().steps.count() == 10


def test_staff_read_the_playbook_but_cannot_change_it(client_for, world, east):
    east_playbook(world)
    page = client_for("staff").get(page_url(east.program)).content.decode()
    assert "Year playbook: This school year" in page
    assert "Mark done" not in page and "Copy to next year" not in page and "Add a step" not in page


def test_steps_are_shown_by_month_with_late_ones_marked_and_linked(client_for, world, east):
    objects = east_playbook(world)
    response = client_for("coordinator").get(page_url(east.program))
    page = response.content.decode()

    months = response.context["months"]
    assert [m["month"] for m in months] == sorted(m["month"] for m in months)
    late = {step.title for month in months for step in month["steps"] if step.late}
    # The year began 60 days ago: everything up to the start of activities (35 days in) is late.
    assert late == {
        "The core planning team meets", "Present the plan to the school faculty", "Recruit peers",
        "Select and match peers", "Hold orientation meetings", "Start the activities",
    }
    assert "6 steps are late." in page
    assert objects.school_year.start_date.strftime("%B %Y") in page
    meetings = reverse("programs:meetings", kwargs={"pk": east.program.pk})
    assert f'<a href="{meetings}">The core planning team meets</a>' in page
    assert f'<a href="{reverse("recruitment:campaign_list")}">Recruit peers</a>' in page
    assert "<a href=\"\">" not in page  # a step without a page has no link


def test_step_links_take_the_programs_pk_when_the_url_needs_it():
    assert step_link("programs:budget", 7) == "/programs/7/budget/"
    assert step_link("recruitment:campaign_list", 7) == "/recruitment/"
    assert step_link("recruitment:campaign_create", 7) == "/recruitment/programs/7/new/"
    assert step_link("nowhere:at_all", 7) == ""
    assert step_link("", 7) == ""


def test_done_and_skipped_steps_are_not_late(client_for, world, east):
    objects = east_playbook(world)
    client = client_for("coordinator")
    step = objects.step
    client.post(reverse("programs:playbook_step_done", kwargs={"pk": east.program.pk, "step_pk": step.pk}))
    other = PlaybookStep.objects.get(playbook=objects.playbook, template_key="recruitment")
    client.post(reverse("programs:playbook_step_skip", kwargs={"pk": east.program.pk, "step_pk": other.pk}))

    response = client.get(page_url(east.program))
    assert "4 steps are late." in response.content.decode()
    assert "Skipped this year" in response.content.decode()
    step.refresh_from_db()
    assert step.done_on == school_today(world.school)


def test_a_forged_year_shows_the_year_under_way(client_for, world, east):
    east_playbook(world)
    for year in ("2" * 30, "abc", "-1", str(2**70), "1e400"):
        response = client_for("coordinator").get(page_url(east.program), {"year": year})
        assert response.status_code == 200
        assert "Year playbook: This school year" in response.content.decode()


def test_a_step_is_shifted_by_offset_or_set_by_hand(client_for, world, east):
    objects = east_playbook(world)
    client = client_for("coordinator")
    data = {"title": "Team meets", "description": "", "owner": world.user("staff").pk, "anchor": "end",
            "offset_days": "-7", "due_on": ""}
    response = client.post(edit_url(objects.step), data)
    assert response.status_code == 302
    objects.step.refresh_from_db()
    assert objects.step.due_on == objects.school_year.end_date - datetime.timedelta(days=7)
    assert objects.step.owner == world.user("staff")

    hand = (objects.school_year.start_date + datetime.timedelta(days=3)).isoformat()
    client.post(edit_url(objects.step), {**data, "due_on": hand})
    objects.step.refresh_from_db()
    assert objects.step.due_on.isoformat() == hand and objects.step.date_set_by_hand
    # The form shows the date set by hand, so saving again keeps it.
    assert client.get(edit_url(objects.step)).context["form"].initial["due_on"].isoformat() == hand


GOOD_EDIT = {"title": "Team meets", "description": "", "owner": "", "anchor": "start", "offset_days": "-7",
             "due_on": ""}


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"title": ""}, "title", "Name the step."),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"description": "x" * 4001}, "description", "at most 4000 characters"),
        ({"anchor": "middle"}, "anchor", "Count from the first or the last day of the school year."),
        ({"offset_days": ""}, "offset_days", "Give a number of days"),
        ({"offset_days": "twelve"}, "offset_days", "Give a whole number of days"),
        ({"offset_days": "1e400"}, "offset_days", "Give a whole number of days"),
        ({"offset_days": "400"}, "offset_days", "less than or equal to 365"),
        ({"offset_days": "-99999"}, "offset_days", "greater than or equal to -365"),
        ({"owner": str(2**70)}, "owner", "Choose a staff member of your school from the list."),
        ({"owner": "abc"}, "owner", "Choose a staff member of your school from the list."),
        ({"due_on": "next week"}, "due_on", "Enter a date such as 2025-09-15."),
        ({"due_on": "2031-01-01"}, "due_on", "Choose a date within a year of This school year"),
    ],
)
def test_bad_step_input_is_refused(client_for, world, east, data, field, message):
    objects = east_playbook(world)
    before = PlaybookStep.objects.values_list("pk", "title", "due_on", "owner_id").order_by("pk")
    before = list(before)
    response = client_for("coordinator").post(edit_url(objects.step), {**GOOD_EDIT, **data})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert list(PlaybookStep.objects.values_list("pk", "title", "due_on", "owner_id").order_by("pk")) == before


def test_an_owner_from_another_school_is_refused(client_for, world, east):
    objects = east_playbook(world)
    response = client_for("coordinator").post(
        edit_url(objects.step), {**GOOD_EDIT, "owner": world.user("other_coordinator").pk}
    )
    assert "Choose a staff member of your school from the list." in response.context["form"].errors["owner"]


def test_a_step_of_ones_own_is_added(client_for, world, east):
    objects = east_playbook(world)
    due = (school_today(world.school) + datetime.timedelta(days=20)).isoformat()
    response = client_for("coordinator").post(
        add_url(objects.playbook), {"title": "Inclusive Schools Week", "due_on": due, "owner": ""}
    )
    assert response.status_code == 302
    step = PlaybookStep.objects.get(title="Inclusive Schools Week")
    assert step.due_on.isoformat() == due and step.date_set_by_hand and step.owner is None


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"title": ""}, "title", "Name the step."),
        ({"due_on": ""}, "due_on", "Give the date it is due."),
        ({"due_on": "31/31/2026"}, "due_on", "Enter a date such as 2025-09-15."),
        ({"due_on": "2099-01-01"}, "due_on", "Choose a date within a year of"),
        ({"owner": "999999"}, "owner", "Choose a staff member of your school from the list."),
    ],
)
def test_bad_new_step_input_is_refused(client_for, world, east, data, field, message):
    objects = east_playbook(world)
    before = PlaybookStep.objects.count()
    good = {"title": "Inclusive Schools Week", "due_on": school_today(world.school).isoformat(), "owner": ""}
    response = client_for("coordinator").post(add_url(objects.playbook), {**good, **data})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert PlaybookStep.objects.count() == before


def test_another_schools_step_is_not_found(client_for, world, east):
    objects = east_playbook(world)
    assert client_for("other_coordinator").get(edit_url(objects.step)).status_code == 404


def test_after_the_year_ends_the_last_playbook_is_shown_beside_the_offer_to_make_the_next(client_for, world, east):
    today = school_today(world.school)
    last = school_year(world.school, start=today - datetime.timedelta(days=400),
                       end=today - datetime.timedelta(days=60), name="Last year")
    playbook_generate(program=east.program, school_year=last)
    client = client_for("coordinator")
    page = client.get(page_url(east.program)).content.decode()
    assert "Year playbook: Last year" in page
    assert "The school has not entered its school year as a term yet." in page

    school_year(world.school, start=today + datetime.timedelta(days=20), end=today + datetime.timedelta(days=300),
                name="Next year")
    page = client.get(page_url(east.program)).content.decode()
    assert "Year playbook: Last year" in page
    assert "There is no playbook for Next year yet." in page
    assert "Make the playbook for Next year" in page
