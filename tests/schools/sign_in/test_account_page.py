"""Your account: name and email; a new email address asks for the current password (issue 11)."""

import pytest
from django.urls import reverse

from tests.schools.factories import PASSWORD, UserFactory


def save(client, user, **changes):
    data = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email, **changes}
    return client.post(reverse("account"), data)


def test_changing_the_name_needs_no_password(client_for, world):
    client = client_for("staff")
    response = save(client, world.user("staff"), first_name="Dana")
    assert response.url == reverse("account")
    world.user("staff").refresh_from_db()
    assert world.user("staff").first_name == "Dana"


def test_changing_the_email_asks_for_the_password(client_for, world):
    client = client_for("coordinator")
    user = world.user("coordinator")
    old_email = user.email
    missing = save(client, user, email="new@school.org")
    assert "Type your current password to change your email address." in missing.content.decode()
    wrong = save(client, user, email="new@school.org", current_password="not it")
    assert "Type your current password to change your email address." in wrong.content.decode()
    user.refresh_from_db()
    assert user.email == old_email

    response = save(client, user, email="new@school.org", current_password=PASSWORD)
    assert response.url == reverse("account")
    user.refresh_from_db()
    assert user.email == "new@school.org"


@pytest.mark.parametrize(
    "email,message",
    [
        ("not-an-email", "Enter an email address such as name@school.org."),
        ("taken@school.org", "Another account uses this email address."),
        ("a" * 250 + "@x.org", "Ensure this value has at most 254 characters"),
    ],
)
def test_bad_email_is_refused(client_for, world, email, message):
    UserFactory(email="taken@school.org")
    user = world.user("coordinator")
    old_email = user.email
    response = save(client_for("coordinator"), user, email=email, current_password=PASSWORD)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.email == old_email


def test_the_account_page_links_to_password_and_second_step(client_for, world):
    html = client_for("coordinator").get(reverse("account")).content.decode()
    assert reverse("password_change") in html
    assert "Second step: on" in html
