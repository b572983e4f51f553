"""The demo a newcomer sees after `make run`: every demo account opens every page of its menu, and the pages a
coordinator reaches from there, with the seeded data (not just factory data)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from peerpartners.navigation import NAVIGATION
from schools.models import User
from schools.permissions import has_permission
from schools.scoping import resolve_access

from .two_factor import complete_setup, sign_in_verified

ACCOUNTS = [
    "district.admin", "east.coordinator", "east.principal", "east.teacher", "east.peer",
    "putnam.coordinator", "putnam.principal", "putnam.peer", "beaman.coordinator", "riverside.slp",
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module (seeding takes a while), rolled back after it; each test runs in a
    savepoint of its own, so what one test writes (sessions, a second factor) is undone before the next."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return None


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_menu_page_opens_for_every_demo_account(client, demo, username):
    user = User.objects.get(username=username)
    sign_in_verified(client, user)
    access = resolve_access(user, None)
    opened = []
    for _label, url_name, permission in NAVIGATION:
        if has_permission(access, permission):
            response = client.get(reverse(url_name))
            assert response.status_code == 200, (username, url_name)
            opened.append(url_name)
    assert "dashboard" in opened


def test_the_coordinator_follows_the_links_of_the_seeded_pages(client, demo):
    """Every same-site link on the coordinator's main pages answers 200 (or a redirect), never an error."""
    sign_in_verified(client, User.objects.get(username="east.coordinator"))
    start = [reverse(name) for name in ("dashboard", "programs:list", "student_list", "recruitment:campaign_list",
                                        "recruitment:matching_programs")]
    seen, failures = set(), []
    for page in start:
        html = client.get(page).content.decode()
        for link in sorted(set(re.findall(r'href="(/[^"#?]*)"', html))):
            if link in seen or link.startswith(("/static/", "/media/", "/admin/", "/accounts/logout")):
                continue
            seen.add(link)
            status = client.get(link).status_code
            if status not in (200, 302):
                failures.append((page, link, status))
    assert not failures
    assert len(seen) > 20


def test_the_demo_principal_is_made_to_set_up_a_second_step_at_first_sign_in(client, demo):
    """The issue's "done when": sign in as an administrator and be made to set up a second factor."""
    principal = User.objects.get(username="east.principal")
    response = client.post(reverse("login"), {"username": "east.principal", "password": "peerpartners"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    assert "Your role can see confidential student records" in response.content.decode()
    assert client.get(reverse("access_log")).url.startswith(reverse("two_factor_setup"))
    codes = complete_setup(client, principal)
    assert len(codes.context["codes"]) == 10
    assert client.get(reverse("access_log")).status_code == 200


@pytest.mark.parametrize("username", ["riverside.slp", "east.teacher"])
def test_the_demos_team_members_find_their_students(client, demo, username):
    """In the demo, the speech-language pathologist and the teacher start from their caseload ("My students"), and
    every student page it links to opens."""
    sign_in_verified(client, User.objects.get(username=username))
    students = client.get(reverse("my_students")).context["students"]
    assert students
    for student in students:
        assert client.get(reverse("student_detail", kwargs={"pk": student.pk})).status_code == 200
    assert 'id="my-students-heading"' in client.get(reverse("dashboard")).content.decode()
