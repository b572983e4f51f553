"""Lockout per account (issue 11): five wrong passwords lock that username for 15 minutes, from any address."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.schools.factories import PASSWORD, UserFactory

from ..two_factor import sign_in_verified

LOCKED = "Too many wrong passwords for this account. Try again in 15 minutes, or ask your coordinator."


def sign_in(client, username, password, ip="10.0.0.1", url="login"):
    return client.post(reverse(url), {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, username, **kwargs):
    for _ in range(5):
        sign_in(client, username, "wrong password", **kwargs)


def test_five_wrong_passwords_lock_the_account_even_with_the_right_password(client, world):
    for _ in range(4):
        response = sign_in(client, "east.coordinator", "wrong password")
        assert response.status_code == 200
        assert "That username and password do not match" in response.content.decode()
    response = sign_in(client, "east.coordinator", "wrong password")
    assert response.status_code == 429
    response = sign_in(client, "east.coordinator", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert 'name="username"' in html  # the styled sign-in page, not a bare error
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_signs_in_and_resets_the_count(client, world):
    for _ in range(4):
        sign_in(client, "east.coordinator", "wrong password")
    assert sign_in(client, "east.coordinator", PASSWORD).url == reverse("dashboard")
    client.post(reverse("logout"))
    for _ in range(4):
        sign_in(client, "east.coordinator", "wrong password")
    assert sign_in(client, "east.coordinator", PASSWORD).url == reverse("dashboard")


def test_the_lock_ends_after_15_minutes(client, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        fail_five_times(client, "east.coordinator")
        traveller.shift(timedelta(minutes=14))
        assert sign_in(client, "east.coordinator", PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=1, seconds=1))
        assert sign_in(client, "east.coordinator", PASSWORD).url == reverse("dashboard")


def test_lockout_is_per_account_not_per_address(client, world):
    # Five different addresses, one username: still locked.
    for number in range(5):
        sign_in(client, "east.coordinator", "wrong password", ip=f"10.0.0.{number + 10}")
    assert sign_in(client, "east.coordinator", PASSWORD, ip="192.168.1.1").status_code == 429
    # The same address as the failures (a whole school behind one IP): another person signs in.
    response = sign_in(client, "east.teacher", PASSWORD, ip="10.0.0.10")
    assert response.url == reverse("dashboard")


def test_admin_login_is_locked_too_and_shares_the_count(client, world):
    UserFactory(username="support.admin", is_staff=True, is_superuser=True)
    fail_five_times(client, "support.admin", url="admin:login")
    response = sign_in(client, "support.admin", PASSWORD, url="admin:login")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "support.admin", PASSWORD).status_code == 429


def test_failures_on_our_page_lock_the_admin_login(client, world):
    UserFactory(username="support.admin", is_staff=True, is_superuser=True)
    fail_five_times(client, "support.admin")
    assert sign_in(client, "support.admin", PASSWORD, url="admin:login").status_code == 429


def test_force_login_is_not_affected(client, world):
    fail_five_times(client, "east.coordinator")
    sign_in_verified(client, world.user("coordinator"))
    assert client.get(reverse("dashboard")).status_code == 200


def request_reset(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.fixture
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_password_reset_requests_are_limited_per_email(client, world, empty_cache, django_capture_on_commit_callbacks):
    email = world.user("coordinator").email
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            assert request_reset(client, email, ip=f"10.0.0.{number}").url == reverse("password_reset_done")
        response = request_reset(client, email.upper(), ip="10.9.9.9")
    assert response.status_code == 200
    assert "Too many reset requests for this email address. Try again later" in response.content.decode()
    assert len(mail.outbox) == 5
    # Another address is unaffected.
    with django_capture_on_commit_callbacks(execute=True):
        assert request_reset(client, world.user("staff").email).url == reverse("password_reset_done")
    assert len(mail.outbox) == 6


def test_password_reset_limit_ends_after_an_hour(client, world, empty_cache, django_capture_on_commit_callbacks):
    email = world.user("coordinator").email
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(6):
                request_reset(client, email)
        assert len(mail.outbox) == 5  # the sixth was refused
        traveller.shift(timedelta(hours=1, seconds=1))
        with django_capture_on_commit_callbacks(execute=True):
            assert request_reset(client, email).url == reverse("password_reset_done")
    assert len(mail.outbox) == 6


def test_unknown_email_is_limited_the_same_way(client, world, empty_cache):
    for _ in range(5):
        assert request_reset(client, "stranger@example.org").url == reverse("password_reset_done")
    assert "Too many reset requests" in request_reset(client, "stranger@example.org").content.decode()


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_an_oversized_username_is_a_plain_wrong_sign_in_on_every_sign_in_page(client, world, url_name):
    response = client.post(reverse(url_name), {"username": "x" * 5000, "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("url_name", "wrong_answer"),
    [
        (
            "password_change",
            {
                "old_password": "wrong password",
                "new_password1": "a long new passphrase",
                "new_password2": "a long new passphrase",
            },
        ),
        (
            "account",
            {
                "first_name": "Rachel",
                "last_name": "Jonas",
                "email": "new@school.example.org",
                "current_password": "wrong password",
            },
        ),
        ("two_factor_remove", {"remove-current_password": "wrong password"}),
    ],
)
def test_typing_the_password_again_counts_toward_the_lockout(client, world, url_name, wrong_answer):
    """Asking for the password again must not give a stolen session unlimited guesses at it."""
    coordinator = world.user("coordinator")
    sign_in_verified(client, coordinator)
    for _ in range(4):
        response = client.post(reverse(url_name), wrong_answer)
        assert response.status_code == 200  # the form again, with its message
    response = client.post(reverse(url_name), wrong_answer)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    client.logout()
    assert sign_in(client, coordinator.username, PASSWORD).status_code == 429
