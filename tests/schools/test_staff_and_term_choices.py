"""The staff and terms every form offers come from one selector each, taking the school (so a task may call them):
active staff of that school only, and that school's terms."""

import datetime

import pytest
from django.urls import reverse

from schools import selectors
from schools.models import Role
from tests.schools.factories import MembershipFactory, TermFactory, UserFactory


@pytest.fixture
def staff(world):
    """East's teacher with an account switched off, one whose role there ended, and Putnam's coordinator."""
    switched_off = MembershipFactory(
        school=world.school, role=Role.GENERAL_EDUCATOR, user=UserFactory(username="east.gone", is_active=False)
    ).user
    role_ended = MembershipFactory(
        school=world.school, role=Role.GENERAL_EDUCATOR, is_active=False, user=UserFactory(username="east.left")
    ).user
    return {"switched_off": switched_off, "role_ended": role_ended, "other_school": world.user("other_coordinator")}


def test_only_active_staff_of_the_school_are_offered(world, staff):
    offered = list(selectors.staff_members(school=world.school))
    assert world.user("coordinator") in offered
    assert world.user("staff") in offered
    assert offered.count(world.user("coordinator")) == 1  # two roles at East, offered once
    for user in staff.values():
        assert user not in offered
    assert world.user("other_coordinator") in selectors.staff_members(school=world.other_school)


def test_the_support_team_form_offers_no_inactive_account(client_for, world, staff):
    url = reverse("student_edit", kwargs={"pk": world.focus_student.pk})
    html = client_for("coordinator").get(url).content.decode()
    assert world.user("staff").username in html  # the checkboxes are labelled with the username
    for user in staff.values():
        assert user.username not in html


def test_the_action_item_owner_list_offers_no_inactive_account(world, staff):
    from programs.forms import ActionItemForm
    from schools.scoping import resolve_access

    form = ActionItemForm(access=resolve_access(world.user("coordinator"), None))
    owners = list(form.fields["owner"].queryset)
    assert world.user("staff") in owners
    for user in staff.values():
        assert user not in owners


def test_terms_are_the_schools_own_oldest_first_or_newest_first(world):
    spring = TermFactory(
        school=world.school, name="Spring", start_date=datetime.date(2031, 1, 5), end_date=datetime.date(2031, 6, 1)
    )
    TermFactory(school=world.other_school, name="Putnam fall")
    assert list(selectors.terms(school=world.school)) == [world.term, spring]
    assert list(selectors.terms(school=world.school, newest_first=True)) == [spring, world.term]
