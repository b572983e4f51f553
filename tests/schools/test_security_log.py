"""The security event log (issue 11): sign-ins, failures, lockouts, sign-outs, 403s and role changes, in UTC,
with no password or student record in any line."""

import logging
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.urls import reverse

from schools.log_format import UTCFormatter
from schools.models import Role
from tests.schools.factories import PASSWORD, MembershipFactory, UserFactory

from ..two_factor import sign_in_verified

WRONG = "my-secret-wrong-passphrase"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="peerpartners.security")

    def lines():
        return [record.getMessage() for record in caplog.records if record.name == "peerpartners.security"]

    return lines


def all_log_text(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_sign_in_success_failure_and_sign_out_are_logged(client, world, security_log, caplog):
    client.post(reverse("login"), {"username": "east.coordinator", "password": WRONG})
    client.post(reverse("login"), {"username": "east.coordinator", "password": PASSWORD})
    client.post(reverse("logout"))
    user_id = world.user("coordinator").pk
    lines = security_log()
    assert lines[0].startswith("login.failure username='east.coordinator'")
    assert lines[1].startswith(f"login.success user_id={user_id} username='east.coordinator'")
    assert lines[2] == f"logout user_id={user_id}"
    text = all_log_text(caplog)
    assert WRONG not in text
    assert PASSWORD not in text


def test_lockout_is_logged_without_the_passwords(client, world, security_log, caplog):
    for _ in range(5):
        client.post(reverse("login"), {"username": "east.coordinator", "password": WRONG})
    client.post(reverse("login"), {"username": "east.coordinator", "password": PASSWORD})
    assert any(line.startswith("login.lockout username='east.coordinator'") for line in security_log())
    text = all_log_text(caplog)
    assert WRONG not in text
    assert PASSWORD not in text


def test_a_crafted_username_cannot_forge_a_log_line(client, world, security_log):
    client.post(reverse("login"), {"username": "x\nlogin.success user_id=1", "password": WRONG})
    assert all("\n" not in line for line in security_log())


def test_permission_refusal_is_logged(client_for, world, security_log):
    client = client_for("peer")
    response = client.get(reverse("staff_list"))
    assert response.status_code == 403
    assert f"permission.refused user_id={world.user('peer').pk} method=GET path='/staff/'" in security_log()[-1]


def test_role_changes_are_logged(world, security_log):
    membership = MembershipFactory(school=world.school, role=Role.GENERAL_EDUCATOR)
    membership.role = Role.COORDINATOR
    membership.save()
    membership_id = membership.pk
    membership.delete()
    lines = [line for line in security_log() if line.startswith("role.")]
    assert lines == [
        f"role.granted by=system membership_id={membership_id} user_id={membership.user_id} "
        f"school_id={world.school.pk} "
        "role=general_educator active=True",
        f"role.changed by=system membership_id={membership_id} user_id={membership.user_id} "
        f"school_id={world.school.pk} "
        "role=coordinator active=True",
        f"role.removed by=system membership_id={membership_id} user_id={membership.user_id} "
        f"school_id={world.school.pk} "
        "role=coordinator",
    ]


def test_a_role_change_in_the_admin_names_who_made_it(client, world, security_log):
    support = UserFactory(is_staff=True, is_superuser=True)
    sign_in_verified(client, support)
    membership = MembershipFactory(school=world.school, role=Role.GENERAL_EDUCATOR)
    response = client.post(
        reverse("admin:schools_membership_change", args=[membership.pk]),
        {
            "user": membership.user_id,
            "school": world.school.pk,
            "role": Role.COUNSELOR,
            "specialty": "",
            "title": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert (
        f"role.changed by={support.pk} membership_id={membership.pk} user_id={membership.user_id} "
        f"school_id={world.school.pk} role=counselor active=True"
    ) in security_log()


def test_no_iep_text_in_the_log(client_for, world, caplog):
    """A coordinator reads and a peer is refused a focus student's profile: nothing of the IEP reaches any log."""
    caplog.set_level(logging.DEBUG)
    assert client_for("coordinator").get(reverse("student_detail", args=[world.focus_student.pk])).status_code == 200
    client_for("peer").get(reverse("student_detail", args=[world.focus_student.pk]))
    assert any(record.name == "peerpartners.security" for record in caplog.records)
    assert world.iep_goal.goal not in all_log_text(caplog)


def test_log_timestamps_are_utc():
    assert settings.LOGGING["formatters"]["plain"]["()"] == "schools.log_format.UTCFormatter"
    record = logging.LogRecord("peerpartners.security", logging.INFO, __file__, 1, "login.success", None, None)
    record.created = datetime(2026, 11, 23, 17, 5, 9, 250000, tzinfo=UTC).timestamp()
    record.msecs = 250
    assert UTCFormatter("%(asctime)s %(message)s").format(record) == "2026-11-23T17:05:09.250Z login.success"
