"""How long a sign-in lasts (issue 11): a new session key at sign-in, 30 minutes idle, 12 hours at most, and
signing out or switching an account off ends the sessions at once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from schools.models import SignInSession
from tests.schools.factories import PASSWORD, give_authenticator
from tests.two_factor import pass_second_step, sign_in_verified

START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
IDLE_MESSAGE = "You were signed out after 30 minutes without activity."
CAP_MESSAGE = "You were signed out because you had been signed in for 12 hours."


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_signing_in_gives_a_new_session_key_and_records_it(client, world):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "east.peer", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    after = client.session.session_key
    assert after != before
    record = SignInSession.objects.get(user=world.user("peer"))
    assert record.session_key == after
    assert record.ip_address == "10.1.2.3"


@pytest.mark.parametrize("role", ["coordinator", "peer"])
def test_thirty_minutes_without_activity_signs_out_staff_and_students_alike(client_for, world, clock, role):
    client = client_for(role)
    clock.shift(timedelta(minutes=29))
    assert client.get(reverse("dashboard")).status_code == 200
    clock.shift(timedelta(minutes=29))  # 58 minutes signed in, never 30 idle
    assert client.get(reverse("dashboard")).status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("dashboard"), follow=True)
    assert response.redirect_chain[0][0] == reverse("login")
    assert IDLE_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SignInSession.objects.filter(user=world.user(role)).exists()


def test_twelve_hours_after_signing_in_the_session_ends_even_when_busy(client_for, world, clock):
    client = client_for("coordinator")
    for _ in range(12 * 3):  # a request every 20 minutes, all day
        clock.shift(timedelta(minutes=20))
        assert client.get(reverse("dashboard")).status_code == 200
    clock.shift(timedelta(minutes=20))
    response = client.get(reverse("dashboard"), follow=True)
    assert CAP_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_post_changes_nothing(client_for, world, clock):
    client = client_for("coordinator")
    clock.shift(timedelta(minutes=31))
    response = client.post(reverse("switch_school"), {"school": world.school.pk})
    assert response.url == reverse("login")


def test_signing_out_ends_the_session_in_the_store(client_for, world):
    client = client_for("coordinator")
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert not SignInSession.objects.filter(session_key=key).exists()
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))


def test_switching_an_account_off_ends_all_its_sessions_at_once(world):
    teacher = world.user("staff")
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.post(reverse("login"), {"username": teacher.username, "password": PASSWORD})
        assert device.get(reverse("dashboard")).status_code == 200
    keys = list(SignInSession.objects.filter(user=teacher).values_list("session_key", flat=True))
    assert len(keys) == 2

    teacher.is_active = False
    teacher.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not SignInSession.objects.filter(user=teacher).exists()
    for device in (phone, laptop):
        assert device.get(reverse("dashboard")).url.startswith(reverse("login"))


def test_switching_an_account_off_in_the_admin_ends_its_sessions(client, world):
    support = world.user("school_admin")
    support.is_staff = support.is_superuser = True
    support.save()
    sign_in_verified(client, support)
    peer = world.user("peer")
    peer_client = Client()
    peer_client.post(reverse("login"), {"username": peer.username, "password": PASSWORD})
    assert peer_client.get(reverse("dashboard")).status_code == 200

    change_url = reverse("admin:schools_user_change", args=[peer.pk])
    form = client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {
            "username": peer.username,
            "date_joined_0": peer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": peer.date_joined.strftime("%H:%M:%S"),
            "is_active": "",
        }
    )
    data = {key: value for key, value in data.items() if key not in ("groups", "user_permissions", "last_login")}
    for formset in client.get(change_url).context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f"{management.prefix}-{name}": value for name, value in management.initial.items()})
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    peer.refresh_from_db()
    assert not peer.is_active
    assert peer_client.get(reverse("dashboard")).url.startswith(reverse("login"))


def test_the_second_step_rotates_the_key_and_deactivation_still_finds_the_session(client, world):
    coordinator = world.user("coordinator")
    give_authenticator(coordinator)
    client.post(reverse("login"), {"username": coordinator.username, "password": PASSWORD})
    after_password = client.session.session_key
    pass_second_step(client, coordinator)
    after_code = client.session.session_key
    assert after_code != after_password
    assert SignInSession.objects.get(user=coordinator).session_key == after_code

    coordinator.is_active = False
    coordinator.save()
    assert not Session.objects.filter(session_key=after_code).exists()
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))
