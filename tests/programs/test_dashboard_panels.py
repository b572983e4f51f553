"""The dashboard's "Your action items" (open items the person owns, overdue flagged) and "Programs" panels."""

import datetime

from django.urls import reverse

from tests.programs.factories import ActionItemFactory, ProgramFactory
from tests.schools.factories import MembershipFactory


def panel(response, template):
    return next(p for p in response.context["panels"] if p["template"] == template)


ITEMS = "programs/panels/action_items.html"
PROGRAMS = "programs/panels/programs.html"


def test_your_action_items_lists_open_items_you_own_with_overdue_flagged(client_for, world, east):
    today = datetime.date.today()
    late = ActionItemFactory(program=east.program, owner=world.user("coordinator"),
                             due_on=today - datetime.timedelta(days=2), description="Send the family letter")
    ActionItemFactory(program=east.program, owner=world.user("coordinator"), completed_on=today, description="Done one")
    ActionItemFactory(program=east.program, owner=world.user("staff"), description="Someone else's")

    response = client_for("coordinator").get(reverse("dashboard"))

    items = panel(response, ITEMS)["action_items"]
    assert [item.description for item in items] == ["Send the family letter", east.action_item.description]
    assert items[0].overdue and not items[1].overdue
    html = response.content.decode()
    assert "Your action items" in html and "Overdue" in html
    assert reverse("programs:action_item_complete", kwargs={"item_pk": late.pk}) in html


def test_items_at_another_of_your_schools_show_the_school(client_for, world, east):
    MembershipFactory(school=world.other_school, user=world.user("coordinator"), role="special_educator")
    elsewhere = ActionItemFactory(program=ProgramFactory(school=world.other_school, name="Peer Connections"),
                                  owner=world.user("coordinator"), description="Help Putnam")
    response = client_for("coordinator").get(reverse("dashboard"))
    items = {item.description: item for item in panel(response, ITEMS)["action_items"]}
    assert not items["Help Putnam"].at_active_school
    assert "Peer Connections, Putnam Middle School" in response.content.decode()
    assert reverse("programs:action_item_complete", kwargs={"item_pk": elsewhere.pk}) not in response.content.decode()


def test_nothing_open_says_thank_you(client_for, world):
    html = client_for("staff").get(reverse("dashboard")).content.decode()
    assert "You have no open action items. Thank you!" in html


def test_the_programs_panel_lists_the_schools_programs(client_for, world, east):
    response = client_for("staff").get(reverse("dashboard"))
    assert [p.name for p in panel(response, PROGRAMS)["programs"]] == ["Peer to Peer"]


def test_students_get_no_program_panels(client_for, world, east):
    for role in ("peer", "focus_student"):
        templates = [p["template"] for p in client_for(role).get(reverse("dashboard")).context["panels"]]
        assert ITEMS not in templates and PROGRAMS not in templates


def test_the_programs_navigation_item_is_for_staff_and_the_district(client_for, world):
    for role, shown in (("coordinator", True), ("staff", True), ("district_admin", True), ("peer", False)):
        labels = [str(label) for label, _ in client_for(role).get(reverse("dashboard")).context["nav_items"]]
        assert ("Programs" in labels) is shown, role
