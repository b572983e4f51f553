"""Passwords (issue 11): at least 8 characters, long passphrases welcome, common passwords refused (Django's offline
list); students get no reset email of their own."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.schools.factories import PASSWORD

PASSPHRASE = "the blue heron waits by the river before the first bell rings at school today"  # 78 characters


def change(client, new1, new2=None):
    return client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new1, "new_password2": new1 if new2 is None else new2},
    )


@pytest.mark.parametrize(
    "new,message",
    [
        ("short1!", "This password is too short. It must contain at least 8 characters."),
        ("iloveyou", "This password is too common."),
        ("password123", "This password is too common."),
        ("8473920155", "This password is entirely numeric."),
        ("", "This field is required."),
    ],
)
def test_weak_passwords_are_refused_when_changing(client_for, world, new, message):
    client = client_for("coordinator")
    response = change(client, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    world.user("coordinator").refresh_from_db()
    assert world.user("coordinator").check_password(PASSWORD)


def test_a_long_passphrase_with_spaces_is_accepted(client_for, world, client):
    assert len(PASSPHRASE) > 64
    response = change(client_for("peer"), PASSPHRASE)
    assert response.url == reverse("password_change_done")
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "east.peer", "password": PASSPHRASE})
    assert signed_in.url == reverse("dashboard")


def test_a_long_passphrase_is_accepted_by_the_reset_form(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": world.user("staff").email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    common = client.post(set_url, {"new_password1": "iloveyou", "new_password2": "iloveyou"})
    assert "This password is too common." in common.content.decode()
    done = client.post(set_url, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE})
    assert done.url == reverse("password_reset_complete")
    world.user("staff").refresh_from_db()
    assert world.user("staff").check_password(PASSPHRASE)


@pytest.mark.parametrize("role", ["peer", "focus_student"])
def test_students_get_no_reset_email_even_with_an_address(client, world, role, django_capture_on_commit_callbacks):
    student_user = world.user(role)
    student_user.email = "family@example.org"
    student_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "family@example.org"})
    assert response.url == reverse("password_reset_done")  # the same answer as for any address
    assert mail.outbox == []


def test_the_sign_in_field_says_a_sign_in_code_works_too(client, db):
    assert "Password or sign-in code" in client.get(reverse("login")).content.decode()
