"""Consent records on a student's page (issue 11): list, add, mark withdrawn; withdrawing a child's consent to an
account turns their sign-in off."""

import datetime
import html as html_lib

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.models import AccessLogEntry
from schools.privacy.models import ConsentRecord
from tests.schools.factories import PASSWORD

TODAY = datetime.date(2026, 11, 23)
VALID = {
    "scope": "account",
    "given_by": "Elena Ramirez",
    "relationship": "Mother",
    "given_on": "2026-09-01",
    "method": "paper",
    "expires_on": "2027-06-15",
}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 16, 0, tzinfo=datetime.UTC), tick=False):
        yield


def consent_url(student):
    return reverse("student_consent_records", kwargs={"pk": student.pk})


def test_the_coordinator_records_a_consent_and_sees_it_listed(client_for, world):
    client = client_for("coordinator")
    response = client.post(consent_url(world.peer_student), VALID, follow=True)
    page = html_lib.unescape(response.content.decode())
    assert "Consent recorded." in page
    assert "Elena Ramirez (Mother)" in page and "In force" in page
    consent = ConsentRecord.objects.get(student=world.peer_student)
    assert consent.school == world.school
    assert consent.recorded_by == world.user("coordinator")
    assert consent.expires_on == datetime.date(2027, 6, 15)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"given_by": ""}, "Write the name of the parent or guardian who consented."),
        ({"scope": "everything"}, "Select a valid choice."),
        ({"method": ""}, "This field is required."),
        ({"given_on": "not a date"}, "Enter the date as YYYY-MM-DD."),
        ({"given_on": "2026-12-01"}, "The date consent was given cannot be in the future."),
        ({"expires_on": "2026-08-01"}, "The consent cannot end before the date it was given."),
        ({"given_by": "x" * 201}, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_consent_input_is_refused_and_nothing_saved(client_for, world, changes, message):
    response = client_for("school_admin").post(consent_url(world.peer_student), {**VALID, **changes})
    assert response.status_code == 200
    assert message in html_lib.unescape(response.content.decode())
    assert not ConsentRecord.objects.exists()


def test_withdrawing_a_childs_account_consent_turns_the_sign_in_off(client_for, world):
    coordinator = client_for("coordinator")
    coordinator.post(consent_url(world.peer_student), VALID)
    consent = ConsentRecord.objects.get()
    peer = Client()
    peer.post(reverse("login"), {"username": "east.peer", "password": PASSWORD})
    assert peer.get(reverse("dashboard")).status_code == 200

    withdraw = reverse("student_consent_withdraw", kwargs={"pk": world.peer_student.pk, "consent_pk": consent.pk})
    response = coordinator.post(withdraw, follow=True)
    page = html_lib.unescape(response.content.decode())
    assert "Consent marked as withdrawn. Sofia's sign-in is off." in page
    assert "Withdrawn on" in page
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
    world.user("peer").refresh_from_db()
    assert not world.user("peer").is_active
    assert peer.get(reverse("dashboard")).url.startswith(reverse("login"))
    # Twice is harmless.
    again = coordinator.post(withdraw, follow=True)
    assert "This consent was already withdrawn." in again.content.decode()


def test_withdrawing_one_of_two_account_consents_keeps_the_sign_in(client_for, world):
    client = client_for("coordinator")
    client.post(consent_url(world.peer_student), VALID)
    client.post(consent_url(world.peer_student), {**VALID, "given_by": "Luis Ramirez", "relationship": "Father"})
    first = ConsentRecord.objects.filter(given_by="Elena Ramirez").get()
    client.post(reverse("student_consent_withdraw", kwargs={"pk": world.peer_student.pk, "consent_pk": first.pk}))
    world.user("peer").refresh_from_db()
    assert world.user("peer").is_active


def test_a_consent_of_another_student_is_not_found(client_for, world):
    client = client_for("coordinator")
    client.post(consent_url(world.peer_student), VALID)
    consent = ConsentRecord.objects.get()
    url = reverse("student_consent_withdraw", kwargs={"pk": world.focus_student.pk, "consent_pk": consent.pk})
    assert client.post(url).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_focus_students_consent_records_are_logged_as_a_view(client_for, world):
    client_for("coordinator").get(consent_url(world.focus_student))
    entry = AccessLogEntry.objects.get()
    assert entry.student == world.focus_student and entry.what == "consent records"


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_does_not_grow_in_queries_with_more_records(client_for, world):
    client = client_for("coordinator")
    client.post(consent_url(world.peer_student), VALID)
    few = queries_for(client, consent_url(world.peer_student))
    assert few > 0
    for n in range(10):
        client.post(consent_url(world.peer_student), {**VALID, "given_by": f"Guardian {n}"})
    assert queries_for(client, consent_url(world.peer_student)) == few


def test_a_consent_given_today_at_the_school_is_not_in_the_future_when_the_servers_date_lags(client_for, world):
    # 16:00 UTC on 23 November is already 06:00 on 24 November at Kiritimati (UTC+14): the school's today counts.
    world.school.time_zone = "Pacific/Kiritimati"
    world.school.save(update_fields=["time_zone"])
    response = client_for("coordinator").post(consent_url(world.peer_student), {**VALID, "given_on": "2026-11-24"})
    assert response.status_code == 302
    assert ConsentRecord.objects.get(student=world.peer_student).given_on == datetime.date(2026, 11, 24)

    response = client_for("coordinator").post(consent_url(world.peer_student), {**VALID, "given_on": "2026-11-25"})
    assert "The date consent was given cannot be in the future." in html_lib.unescape(response.content.decode())
