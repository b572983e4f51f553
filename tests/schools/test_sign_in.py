"""Sign-in, sign-out and password reset: the happy path and every bad input a person can send."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.schools.factories import PASSWORD, UserFactory, give_authenticator
from tests.two_factor import pass_second_step


def test_staff_sign_in_lands_on_the_dashboard(client, world):
    give_authenticator(world.user("coordinator"))
    response = client.post(reverse("login"), {"username": "east.coordinator", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_verify"))
    response = pass_second_step(client, world.user("coordinator"), next_url=reverse("dashboard"))
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Welcome," in response.content.decode()


def test_a_peer_signs_in_too(client, world):
    response = client.post(reverse("login"), {"username": "east.peer", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Hi, Sofia!" in response.content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"username": "east.coordinator", "password": "wrong password"}, "That username and password do not match"),
        ({"username": "nobody", "password": PASSWORD}, "That username and password do not match"),
        ({"username": "", "password": ""}, "This field is required."),
        ({"username": "east.coordinator"}, "This field is required."),
        ({"username": "x" * 5000, "password": "y" * 5000}, "That username and password do not match"),
        ({"username": "<script>alert(1)</script>", "password": "a"}, "That username and password do not match"),
        ({"username": "east.coordinator\x00", "password": PASSWORD}, "Null characters are not allowed."),
    ],
)
def test_bad_sign_in_input_shows_a_clear_message(client, world, data, message):
    response = client.post(reverse("login"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert "_auth_user_id" not in client.session


def test_switched_off_account_cannot_sign_in(client, world):
    user = world.user("staff")
    user.is_active = False
    user.save()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_rotates_the_session_key(client, world):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "east.coordinator", "password": PASSWORD})
    assert client.session.session_key != before


def test_sign_out_ends_the_session(client_for, world):
    client = client_for("coordinator")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_next_parameter_to_another_host_is_ignored(client, world):
    response = client.post(
        reverse("login") + "?next=https://evil.example.com/",
        {"username": "east.coordinator", "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.url == reverse("dashboard")


def reset_link(message) -> str:
    return re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)


def test_password_reset_by_email_end_to_end(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": world.user("coordinator").email})
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert "Choose a new Peer Partners password" in mail.outbox[0].subject

    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    weak = client.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert "This password is too common." in weak.content.decode()
    mismatch = client.post(set_url, {"new_password1": "a long new passphrase", "new_password2": "another one"})
    assert "The two password fields didn" in mismatch.content.decode()

    done = client.post(set_url, {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"})
    assert done.url == reverse("password_reset_complete")
    assert client.login(username="east.coordinator", password="a long new passphrase")


def test_a_used_reset_link_does_not_work_again(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": world.user("coordinator").email})
    link = reset_link(mail.outbox[0])
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"})
    again = client.get(link, follow=True)
    assert "This link does not work any more" in again.content.decode()


@pytest.mark.parametrize(
    "email,message",
    [
        ("", "This field is required."),
        ("not-an-email", "Enter an email address such as name@school.org."),
        ("a" * 300 + "@school.org", "Ensure this value has at most 254 characters"),
    ],
)
def test_bad_password_reset_input_shows_a_clear_message(client, world, email, message):
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert mail.outbox == []


def test_unknown_email_gets_the_same_answer_and_no_email(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "stranger@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_student_without_email_gets_no_reset_email(client, db, django_capture_on_commit_callbacks):
    UserFactory(username="young.student", email="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": ""})
    assert mail.outbox == []


def test_change_password_needs_the_old_one(client_for, world):
    client = client_for("coordinator")
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "a long new passphrase", "new_password2": "a long new passphrase"},
    )
    assert "Your old password was entered incorrectly." in response.content.decode()
