"""What people see: the dashboards per role, the styled error pages and the admin for support staff."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.schools.factories import UserFactory

from ..two_factor import sign_in_verified


@pytest.mark.parametrize(
    "role,heading",
    [
        ("coordinator", "Welcome,"),
        ("staff", "Welcome,"),
        ("school_admin", "Welcome,"),
        ("district_admin", "District dashboard"),
        ("peer", "Hi, Sofia!"),
        ("focus_student", "Hi, Noah!"),
    ],
)
def test_each_role_lands_on_its_own_dashboard(client_for, world, role, heading):
    html = client_for(role).get(reverse("dashboard")).content.decode()
    assert heading in html
    # The page title is plain text: panels belong in the page, never in <title>.
    assert re.search(r"<title>[^<]*</title>", html)


@pytest.mark.parametrize(
    "role,visible,hidden",
    [
        ("coordinator", ["Students", "Staff"], ["District"]),
        ("district_admin", ["District", "Students"], []),
        ("peer", ["Dashboard"], ["Students", "Staff", "District"]),
    ],
)
def test_navigation_changes_with_the_role(client_for, world, role, visible, hidden):
    response = client_for(role).get(reverse("dashboard"))
    labels = [str(label) for label, _ in response.context["nav_items"]]
    assert all(item in labels for item in visible), labels
    assert not any(item in labels for item in hidden), labels


def test_coordinator_dashboard_counts_the_schools_roster(client_for, world):
    summary = client_for("coordinator").get(reverse("dashboard")).context["summary"]
    assert summary["focus_students"] == 1
    assert summary["peers"] == 1
    assert summary["current_term"] == world.term


def test_not_found_page_is_styled_and_explains(client_for, world):
    response = client_for("coordinator").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert "bootstrap.min.css" in html


def test_forbidden_page_is_styled_and_explains(client_for, world):
    response = client_for("peer").get(reverse("student_list"))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_server_error_page_renders_without_a_database(rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_support_staff_use_the_admin(client, world):
    sign_in_verified(client, UserFactory(username="support", is_staff=True, is_superuser=True))
    for name in ("admin:index", "admin:schools_student_changelist", "admin:schools_membership_changelist",
                 "admin:schools_user_changelist", "admin:schools_term_changelist", "admin:schools_school_changelist"):
        assert client.get(reverse(name)).status_code == 200, name
    change = client.get(reverse("admin:schools_student_change", args=[world.focus_student.pk]))
    assert change.status_code == 200


def test_the_landing_page_says_what_the_product_is(client, db):
    html = client.get(reverse("home")).content.decode()
    assert "Peer partner programs bring students with and without disabilities together" in html


def test_every_admin_page_opens_for_support_staff(client, world):
    from django.contrib import admin

    sign_in_verified(client, UserFactory(username="support2", is_staff=True, is_superuser=True))
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_support_staff_cannot_write_the_access_log_in_the_admin(client, world):
    from schools.services import record_access

    entry = record_access(user=world.user("coordinator"), school=world.school, student=world.focus_student,
                          action="view", what="IEP goals")
    sign_in_verified(client, UserFactory(username="support3", is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:schools_accesslogentry_add")).status_code == 403
    response = client.post(reverse("admin:schools_accesslogentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
