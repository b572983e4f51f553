"""Coordinator-issued sign-ins for peers and students (issue 11): a username and a code, no email; refused for a
child under 13 without a consent to an account on record."""

import datetime
import html as html_lib
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from schools.accounts.student_accounts import CODE_WORDS, generate_sign_in_code
from schools.models import Student, User
from schools.privacy.models import ConsentRecord
from tests.schools.factories import PASSWORD, FocusStudentFactory, StudentFactory

CONSENT_FIRST = "is under 13. Record a parent's or guardian's consent to a sign-in account first"


def sign_in_url(student, name="student_sign_in"):
    return reverse(name, kwargs={"pk": student.pk})


def account_consent(student, **fields):
    return ConsentRecord.objects.create(
        school=student.school,
        student=student,
        scope=fields.pop("scope", ConsentRecord.Scope.ACCOUNT),
        given_by="A. Parent",
        given_on=fields.pop("given_on", datetime.date(2026, 9, 1)),
        **fields,
    )


@pytest.fixture
def young(world):
    return StudentFactory(school=world.school, first_name="Mia", grade=4, user=None)


@pytest.fixture
def teen(world):
    """A 14-year-old (date of birth decides over the grade)."""
    return FocusStudentFactory(
        school=world.school, first_name="Leo", grade=5, user=None, date_of_birth=datetime.date(2012, 1, 1)
    )


def text(response) -> str:
    return html_lib.unescape(response.content.decode())


def code_on_card(response) -> str:
    return re.search(r'id="sign-in-code">([^<]+)<', response.content.decode()).group(1)


def test_codes_are_three_words_and_two_digits():
    code = generate_sign_in_code()
    *words, digits = code.split("-")
    assert len(words) == 3 and all(word in CODE_WORDS for word in words)
    assert digits.isdigit() and len(digits) == 2
    assert len({generate_sign_in_code() for _ in range(50)}) > 45


def test_a_child_under_13_without_consent_is_refused_with_a_clear_message(client_for, world, young):
    client = client_for("coordinator")
    page = text(client.get(sign_in_url(young)))
    assert "a sign-in needs a parent's or guardian's consent to an account, recorded first" in page
    response = client.post(sign_in_url(young), {"username": "mia.s"})
    assert response.status_code == 200
    assert CONSENT_FIRST in text(response)
    young.refresh_from_db()
    assert young.user is None
    assert not User.objects.filter(username="mia.s").exists()


@pytest.mark.parametrize("consent_kind", ["participation", "withdrawn", "expired", "future"])
def test_only_a_valid_account_consent_counts(client_for, world, young, consent_kind):
    if consent_kind == "participation":
        account_consent(young, scope=ConsentRecord.Scope.PARTICIPATION)
    elif consent_kind == "withdrawn":
        account_consent(young, withdrawn_on=datetime.date(2026, 10, 1))
    elif consent_kind == "expired":
        account_consent(young, expires_on=datetime.date(2026, 10, 1))
    else:
        account_consent(young, given_on=datetime.date(2099, 1, 1))
    response = client_for("coordinator").post(sign_in_url(young), {"username": "mia.s"})
    assert CONSENT_FIRST in text(response)
    assert not User.objects.filter(username="mia.s").exists()


def test_with_consent_the_coordinator_gives_a_sign_in_and_the_child_signs_in_with_the_code(client_for, world, young):
    account_consent(young)
    client = client_for("coordinator")
    response = client.post(sign_in_url(young), {"username": "mia.s"}, follow=True)
    assert response.redirect_chain[-1][0] == sign_in_url(young, "student_sign_in_card")
    code = code_on_card(response)
    page = text(response)
    assert "mia.s" in page and "Mia's Peer Partners sign-in" in page
    young.refresh_from_db()
    assert young.user.username == "mia.s" and young.user.email == ""
    assert young.user.password != code and young.user.check_password(code)
    # Shown once.
    assert code not in client.get(sign_in_url(young, "student_sign_in_card")).content.decode()

    child = Client()
    signed_in = child.post(reverse("login"), {"username": "mia.s", "password": code}, follow=True)
    assert signed_in.redirect_chain[-1][0] == reverse("dashboard")
    assert "Hi, Mia!" in signed_in.content.decode()


def test_a_student_of_13_or_more_needs_no_consent_record(client_for, world, teen, caplog):
    caplog.set_level(logging.INFO, logger="peerpartners.security")
    client = client_for("school_admin")
    response = client.post(sign_in_url(teen), {"username": "leo.k"}, follow=True)
    code = code_on_card(response)
    assert Student.objects.get(pk=teen.pk).user.check_password(code)
    assert code not in caplog.text  # the code never reaches a log line


def test_a_new_code_replaces_the_old_one_and_ends_its_sessions(client_for, world, teen):
    client = client_for("coordinator")
    first = code_on_card(client.post(sign_in_url(teen), {"username": "leo.k"}, follow=True))
    child = Client()
    child.post(reverse("login"), {"username": "leo.k", "password": first})
    assert child.get(reverse("dashboard")).status_code == 200

    second = code_on_card(client.post(sign_in_url(teen), {}, follow=True))
    assert second != first
    teen.refresh_from_db()
    assert teen.user.username == "leo.k"
    assert not teen.user.check_password(first) and teen.user.check_password(second)
    assert child.get(reverse("dashboard")).url.startswith(reverse("login"))


def test_turning_the_sign_in_off_signs_the_student_out(client_for, world, teen):
    client = client_for("coordinator")
    code = code_on_card(client.post(sign_in_url(teen), {"username": "leo.k"}, follow=True))
    child = Client()
    child.post(reverse("login"), {"username": "leo.k", "password": code})
    response = client.post(sign_in_url(teen, "student_sign_in_off"), follow=True)
    assert "Leo's sign-in is off." in text(response)
    assert child.get(reverse("dashboard")).url.startswith(reverse("login"))
    refused = Client().post(reverse("login"), {"username": "leo.k", "password": code})
    assert "_auth_user_id" not in refused.client.session
    again = client.post(sign_in_url(teen, "student_sign_in_off"), follow=True)
    assert "Leo has no sign-in to turn off." in again.content.decode()


@pytest.mark.parametrize(
    "username,message",
    [
        ("", "Choose a username."),
        ("east.peer", "Someone already has this username."),
        ("EAST.PEER", "Someone already has this username."),
        ("has space", "Enter a valid username."),
        ("<script>", "Enter a valid username."),
        ("x" * 151, "Ensure this value has at most 150 characters"),
    ],
)
def test_bad_usernames_are_refused(client_for, world, teen, username, message):
    response = client_for("coordinator").post(sign_in_url(teen), {"username": username})
    assert response.status_code == 200
    assert message in response.content.decode()
    teen.refresh_from_db()
    assert teen.user is None


def test_staff_without_the_permission_and_another_school_cannot_reach_it(client_for, world, teen):
    assert client_for("staff").post(sign_in_url(teen), {"username": "leo.k"}).status_code == 403
    assert client_for("other_coordinator").post(sign_in_url(teen), {"username": "leo.k"}).status_code == 404
    teen.refresh_from_db()
    assert teen.user is None


def test_the_student_page_links_to_the_sign_in_and_consent_records(client_for, world):
    html = client_for("coordinator").get(reverse("student_detail", kwargs={"pk": world.peer_student.pk})).content
    assert sign_in_url(world.peer_student).encode() in html
    assert reverse("student_consent_records", kwargs={"pk": world.peer_student.pk}).encode() in html
    staff_html = client_for("staff").get(reverse("student_detail", kwargs={"pk": world.peer_student.pk})).content
    assert sign_in_url(world.peer_student).encode() not in staff_html


def test_a_staff_account_linked_to_a_student_is_never_reset_from_here(client_for, world, teen):
    teacher = world.user("staff")
    teen.user = teacher
    teen.save()
    response = client_for("coordinator").post(sign_in_url(teen), {})
    assert "This sign-in also belongs to a staff account." in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD)


def test_the_admin_cannot_link_a_sign_in_to_a_child_under_13_without_consent(client, world, young):
    """Support staff linking an account in the admin meet the same rule as the coordinator's page."""
    from ...two_factor import sign_in_verified

    support = User.objects.create_user("support", password=PASSWORD, is_staff=True, is_superuser=True)
    sign_in_verified(client, support)
    account = User.objects.create_user("mia.account", password=PASSWORD)
    change = reverse("admin:schools_student_change", args=[young.pk])
    page = client.get(change).context
    form = page["adminform"].form
    assert {"first_name", "support_team", "support_needs", "user"} <= set(form.fields)  # the whole student, as before
    data = {name: form[name].value() or "" for name in form.fields if name != "support_team"}
    data.update({"user": account.pk, "is_active": "on"})
    for inline in page["inline_admin_formsets"]:
        data.update({f"{inline.formset.prefix}-TOTAL_FORMS": 0, f"{inline.formset.prefix}-INITIAL_FORMS": 0})
    response = client.post(change, data)
    assert response.status_code == 200
    # The only error is the consent rule, on the sign-in field.
    assert list(response.context["adminform"].form.errors) == ["user"]
    assert CONSENT_FIRST in response.context["adminform"].form.errors["user"][0]
    assert Student.objects.get(pk=young.pk).user is None
    account_consent(young, given_on=datetime.date.today())
    response = client.post(change, data)
    assert response.status_code == 302, (response.context["adminform"].form.errors, response.context["errors"])
    assert Student.objects.get(pk=young.pk).user == account
