"""The second step at sign-in (issue 11): who must set it up, the check at sign-in, recovery codes, and changes that
ask for the password again."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from schools.accounts.two_factor import requires_second_factor
from tests.schools.factories import PASSWORD, UserFactory, give_authenticator
from tests.two_factor import complete_setup, current_code, pass_second_step, sign_in_verified

SETUP_MESSAGE = "Your role can see confidential student records, so your account needs a second step at sign-in."


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="peerpartners.security")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "peerpartners.security"]


def sign_in_with_password(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}, follow=True)


@pytest.mark.parametrize(
    "role,required",
    [
        ("coordinator", True),
        ("school_admin", True),
        ("district_admin", True),
        ("other_coordinator", True),
        ("staff", False),
        ("peer", False),
        ("focus_student", False),
    ],
)
def test_who_must_have_a_second_step(world, role, required):
    assert requires_second_factor(world.user(role)) is required


def test_staff_on_a_support_team_and_admin_users_must_have_it(world):
    world.focus_student.support_team.add(world.user("staff"))
    assert requires_second_factor(world.user("staff"))
    assert requires_second_factor(UserFactory(is_staff=True))


def test_a_former_staff_member_still_listed_on_a_team_is_not_counted(world):
    teacher = world.user("staff")
    world.focus_student.support_team.add(teacher)
    teacher.memberships.update(is_active=False)
    assert not requires_second_factor(teacher)


def test_an_administrator_without_a_second_step_is_made_to_set_it_up(client, world):
    principal = world.user("school_admin")
    response = sign_in_with_password(client, principal.username)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    html = response.content.decode()
    assert SETUP_MESSAGE in html
    assert "<svg" in html and "data:" not in html  # the QR code is inline markup
    device = TOTPDevice.objects.get(user=principal, confirmed=False)
    key_shown = response.context["manual_key"].replace(" ", "")
    assert len(key_shown) == 32
    # Every page, the admin included, sends them back to the setup until it is done.
    for url in (reverse("dashboard"), reverse("student_list"), reverse("admin:index"), reverse("account")):
        assert client.get(url).url.startswith(reverse("two_factor_setup")), url

    codes_page = complete_setup(client, principal)
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    assert all(code in codes_page.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200
    # Shown once: the page does not show them again.
    again = client.get(reverse("two_factor_recovery_codes"))
    assert again.context["codes"] is None
    assert codes[0] not in again.content.decode()


@pytest.mark.parametrize(
    "code,message",
    [
        ("", "Type the code."),
        ("000000", "That code did not match."),
        ("abc", "That code did not match."),
        ("1" * 13, "Ensure this value has at most 12 characters"),
    ],
)
def test_a_wrong_first_code_leaves_the_setup_unfinished(client, world, code, message):
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": code})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert client.get(reverse("dashboard")).url.startswith(reverse("two_factor_setup"))


def test_reloading_the_setup_keeps_the_same_key(client, world):
    client.force_login(world.user("coordinator"))
    first = client.get(reverse("two_factor_setup")).context["manual_key"]
    assert client.get(reverse("two_factor_setup")).context["manual_key"] == first


def test_a_person_with_a_second_step_is_asked_for_it_after_the_password(client, world, security_log):
    coordinator = world.user("coordinator")
    give_authenticator(coordinator)
    response = sign_in_with_password(client, coordinator.username)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("student_list")).url == reverse("two_factor_verify") + "?next=%2Fstudents%2F"
    response = pass_second_step(client, coordinator, next_url=reverse("student_list"))
    assert response.redirect_chain[-1][0] == reverse("student_list")
    assert any(line.startswith("two_factor.success") for line in security_log())


@pytest.mark.parametrize("code", ["", "123456", "not a code", "x" * 33, "<script>alert(1)</script>"])
def test_a_wrong_code_at_sign_in_is_refused_and_logged(client, world, security_log, code):
    coordinator = world.user("coordinator")
    give_authenticator(coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert any(text in html for text in ("Type the code.", "That code did not match", "at most 32 characters"))
    assert client.get(reverse("dashboard")).status_code == 302
    if code and len(code) <= 32:
        assert f"two_factor.failure user_id={coordinator.pk} ip=127.0.0.1" in security_log()


def test_wrong_codes_slow_down_further_tries(client, world):
    """django-otp's throttling: after a wrong code the next try must wait (1 s, then 2, 4 ...)."""
    coordinator = world.user("coordinator")
    device = give_authenticator(coordinator)
    client.force_login(coordinator)
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, 0, tzinfo=UTC), tick=False) as clock:
        client.post(reverse("two_factor_verify"), {"code": "000000"})
        refused = client.post(reverse("two_factor_verify"), {"code": current_code(device)})
        assert "Too many wrong codes" in refused.content.decode()
        clock.shift(timedelta(seconds=3))
        accepted = client.post(reverse("two_factor_verify"), {"code": current_code(device), "next": "/students/"})
        assert accepted.url == "/students/"


def test_a_recovery_code_works_once(client, world):
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    client.get(reverse("two_factor_setup"))
    codes = complete_setup(client, coordinator).context["codes"]
    client.post(reverse("logout"))

    sign_in_with_password(client, coordinator.username)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    client.post(reverse("logout"))

    sign_in_with_password(client, coordinator.username)
    response = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert "That code did not match" in response.content.decode()
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9


def test_next_after_the_check_never_leaves_the_site(client, world):
    coordinator = world.user("coordinator")
    device = give_authenticator(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("two_factor_verify"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response.url == reverse("dashboard")


def test_other_staff_are_not_asked_and_may_opt_in(client, world):
    teacher = world.user("staff")
    response = sign_in_with_password(client, teacher.username)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert client.get(reverse("two_factor_manage")).status_code == 200
    client.get(reverse("two_factor_setup"))
    complete_setup(client, teacher)
    client.post(reverse("logout"))
    response = sign_in_with_password(client, teacher.username)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_peers_and_students_are_never_asked(client, world, role):
    response = sign_in_with_password(client, world.user(role).username)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert client.get(reverse("two_factor_setup")).status_code == 403
    assert not TOTPDevice.objects.filter(user=world.user(role)).exists()


def test_the_setup_and_settings_cannot_skip_the_check(client, world):
    """With only the password, someone with an authenticator can neither set up another nor remove it."""
    coordinator = world.user("coordinator")
    give_authenticator(coordinator)
    client.force_login(coordinator)
    verify = reverse("two_factor_verify")
    assert client.get(reverse("two_factor_setup")).url == verify
    assert client.get(reverse("two_factor_manage")).url == verify
    assert client.get(reverse("two_factor_recovery_codes")).url == verify
    assert client.post(reverse("two_factor_remove"), {"remove-current_password": PASSWORD}).url == verify
    assert client.post(reverse("two_factor_regenerate"), {"regenerate-current_password": PASSWORD}).url == verify
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).count() == 1


def test_the_admin_is_not_reachable_without_the_second_step(client, world):
    support = UserFactory(username="support", is_staff=True, is_superuser=True)
    give_authenticator(support)
    client.force_login(support)
    assert client.get(reverse("admin:index")).url.startswith(reverse("two_factor_verify"))
    assert client.get(reverse("admin:schools_student_changelist")).url.startswith(reverse("two_factor_verify"))
    sign_in_verified(client, support)
    assert client.get(reverse("admin:index")).status_code == 200


def test_sign_out_and_health_check_need_no_second_step(client, world):
    give_authenticator(world.user("coordinator"))
    client.force_login(world.user("coordinator"))
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("logout")).url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_ask_for_the_password(client, world):
    coordinator = world.user("coordinator")
    client.force_login(coordinator)
    client.get(reverse("two_factor_setup"))
    old_codes = complete_setup(client, coordinator).context["codes"]

    wrong = client.post(reverse("two_factor_regenerate"), {"regenerate-current_password": "not it"})
    assert "That is not your current password." in wrong.content.decode()
    missing = client.post(reverse("two_factor_regenerate"), {})
    assert "This field is required." in missing.content.decode()
    assert set(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)) == set(old_codes)

    response = client.post(reverse("two_factor_regenerate"), {"regenerate-current_password": PASSWORD}, follow=True)
    new_codes = response.context["codes"]
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert set(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)) == set(new_codes)


def test_removing_the_app_asks_for_the_password_and_sends_an_administrator_to_set_up_a_new_one(client_for, world):
    client = client_for("school_admin")
    principal = world.user("school_admin")
    wrong = client.post(reverse("two_factor_remove"), {"remove-current_password": "not it"})
    assert "That is not your current password." in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=principal).exists()

    response = client.post(reverse("two_factor_remove"), {"remove-current_password": PASSWORD})
    assert response.url == reverse("two_factor_setup")
    assert not TOTPDevice.objects.filter(user=principal, confirmed=True).exists()
    assert client.get(reverse("dashboard")).url.startswith(reverse("two_factor_setup"))


def test_staff_who_opted_in_can_turn_it_off(client_for, world):
    client = client_for("staff")
    response = client.post(reverse("two_factor_remove"), {"remove-current_password": PASSWORD}, follow=True)
    assert "The second step is off." in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_settings_page_shows_the_status(client_for, world):
    html = client_for("coordinator").get(reverse("two_factor_manage")).content.decode()
    assert "On: an authenticator app asks for a code at every sign-in" in html
    assert "You have 0 recovery codes left." in html


def test_a_peers_pages_pay_one_query_for_the_second_step_check(client_for, world):
    """Peers are never asked, but the middleware looks on each of their pages: one query, not one per rule."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("peer")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    device_checks = [query["sql"] for query in queries.captured_queries if "otp_totp_totpdevice" in query["sql"]]
    assert len(device_checks) == 1
    assert "schools_districtadministrator" in device_checks[0] and "schools_membership" in device_checks[0]
