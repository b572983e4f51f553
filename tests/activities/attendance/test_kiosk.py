"""The kiosk: a token shown once and kept hashed, revocable; a wrong, revoked or forged token answers 404; a peer
picks their first name and types their personal code; wrong codes are rate-limited; only first names are shown."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from activities.attendance import services
from activities.models import Attendance, CheckInCode, KioskToken, token_digest
from tests.activities.factories import ParticipantFactory
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _url(token):
    return reverse("activities:kiosk", kwargs={"token": token})


def test_the_kiosk_shows_the_activity_and_first_names_only(client, lunch, world):
    page = client.get(_url(lunch.kiosk_token)).content.decode()

    assert "Today&#x27;s lunch bunch" in page
    assert ">Sofia<" in page and ">Noah<" in page
    assert "Ramirez" not in page and "Bennett" not in page
    assert world.iep_goal.goal not in page


def test_the_token_is_kept_hashed(lunch):
    assert KioskToken.objects.get(pk=lunch.kiosk.pk).digest == token_digest(lunch.kiosk_token)
    assert not KioskToken.objects.filter(digest=lunch.kiosk_token).exists()


@pytest.mark.parametrize("token", ["forged", "x" * 200, "%00", "a/b"])
def test_a_forged_token_is_not_found(client, lunch, token):
    assert client.get(f"/activities/kiosk/{token}/").status_code == 404
    assert client.post(f"/activities/kiosk/{token}/", {}).status_code == 404


def test_a_revoked_token_is_not_found(client_for, client, lunch):
    response = client_for("staff").post(reverse("activities:kiosk_revoke", kwargs={"pk": lunch.kiosk.pk}))
    assert response.status_code == 302
    assert client.get(_url(lunch.kiosk_token)).status_code == 404


def test_staff_open_a_kiosk_and_see_its_link_once(client_for, lunch):
    client = client_for("staff")
    response = client.post(reverse("activities:kiosk_manage", kwargs={"pk": lunch.activity.pk}))

    page = response.content.decode()
    assert "shown only now" in page
    token = page.split("/activities/kiosk/")[1].split("/")[0]
    assert KioskToken.objects.filter(digest=token_digest(token), revoked_at=None).exists()
    assert (
        token not in client.get(reverse("activities:kiosk_manage", kwargs={"pk": lunch.activity.pk})).content.decode()
    )


def test_a_peer_checks_in_and_out_with_their_code(client, lunch, world):
    code = services.check_in_code_reset(student=world.peer_student)
    data = {"occurrence": lunch.today.pk, "student": world.peer_student.pk, "code": code, "action": "in"}

    response = client.post(_url(lunch.kiosk_token), data, follow=True)

    assert "Sofia is checked in." in response.content.decode()
    row = Attendance.objects.get(occurrence=lunch.today, student=world.peer_student)
    assert (row.source, row.status) == ("check_in", "present")
    client.post(_url(lunch.kiosk_token), data)
    assert Attendance.objects.filter(occurrence=lunch.today, student=world.peer_student).count() == 1

    response = client.post(_url(lunch.kiosk_token), {**data, "action": "out"}, follow=True)
    assert "Sofia is checked out" in response.content.decode()
    row.refresh_from_db()
    assert row.checked_out_at is not None


def test_wrong_codes_are_refused_then_rate_limited(client, lunch, world, settings):
    settings.KIOSK_CODE_RATE = "3/h"
    code = services.check_in_code_reset(student=world.peer_student)
    wrong = "000000" if code != "000000" else "111111"
    data = {"occurrence": lunch.today.pk, "student": world.peer_student.pk, "code": wrong, "action": "in"}

    for _attempt in range(3):
        response = client.post(_url(lunch.kiosk_token), data)
        assert response.status_code == 200
        assert "That code does not match" in response.content.decode()
    response = client.post(_url(lunch.kiosk_token), {**data, "code": code})

    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()

    # Another child at the same kiosk (same classroom address) is not held up by those wrong codes.
    other = StudentFactory(school=world.school, first_name="Maya")
    ParticipantFactory(activity=lunch.activity, student=other)
    other_code = services.check_in_code_reset(student=other)
    response = client.post(_url(lunch.kiosk_token), {**data, "student": other.pk, "code": other_code}, follow=True)
    assert response.status_code == 200
    assert Attendance.objects.filter(occurrence=lunch.today, student=other).exists()


def test_a_peer_without_a_code_cannot_check_in_at_the_kiosk(client, lunch, world):
    data = {"occurrence": lunch.today.pk, "student": world.peer_student.pk, "code": "123456", "action": "in"}
    response = client.post(_url(lunch.kiosk_token), data)
    assert "That code does not match" in response.content.decode()
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"student": "2" * 30},
        {"student": "abc"},
        {"occurrence": "999999999"},
        {"occurrence": "1e400"},
        {"action": "dance"},
        {"code": ""},
        {"code": "9" * 50},
    ],
)
def test_forged_kiosk_input_is_a_field_error(client, lunch, world, overrides):
    services.check_in_code_reset(student=world.peer_student)
    data = {
        "occurrence": lunch.today.pk,
        "student": world.peer_student.pk,
        "code": "123456",
        "action": "in",
        **overrides,
    }
    response = client.post(_url(lunch.kiosk_token), data)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Attendance.objects.filter(occurrence=lunch.today).exists()


def test_someone_not_placed_is_not_offered_at_the_kiosk(client, lunch):
    data = {"occurrence": lunch.today.pk, "student": lunch.walk_in_student.pk, "code": "123456", "action": "in"}
    response = client.post(_url(lunch.kiosk_token), data)
    assert "Select a valid choice" in response.content.decode()


def test_a_peer_makes_their_own_code_and_sees_it_once(client_for, world):
    client = client_for("peer")
    assert "You have no code yet." in client.get(reverse("activities:check_in_code")).content.decode()

    page = client.post(reverse("activities:check_in_code")).content.decode()

    code = page.split('font-monospace">')[1].split("<")[0]
    assert len(code) == 6 and code.isdigit()
    assert services.check_in_code_matches(student=world.peer_student, code=code)
    assert CheckInCode.objects.get(student=world.peer_student).digest != code
    assert code not in client.get(reverse("activities:check_in_code")).content.decode()
    assert "You have a code." in client.get(reverse("activities:check_in_code")).content.decode()
