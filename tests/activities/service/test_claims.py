"""A peer or focus student claims hours for work outside school: every bad input gets its message and saves
nothing; a good claim waits for its verifier, who gets one email with a signed link in the same transaction. Peers
see only their own hours."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import ServiceHours
from schools.models import OutboxItem
from tests.activities.factories import ServiceHoursFactory, east_service, png_bytes
from tests.schools.factories import StudentFactory, UserFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db

URL = reverse("activities:my_hours")


def good(world, **changes):
    data = {
        "program": east_service(world).program.pk,
        "date": (datetime.date.today() - datetime.timedelta(days=2)).isoformat(),
        "hours": "2.5",
        "description": "Helped at the animal shelter's adoption day",
        "verifier_name": "Robin Hale",
        "verifier_email": "robin@shelter.example.org",
        "honesty_statement": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_claim_waits_for_its_verifier_who_gets_one_email_with_a_signed_link(client_for, world):
    data = good(world)
    before = ServiceHours.objects.count()
    response = client_for("peer").post(URL, data)
    assert response.status_code == 302
    entry = ServiceHours.objects.latest("pk")
    assert ServiceHours.objects.count() == before + 1
    assert entry.student == world.peer_student
    assert (entry.source, entry.verification, entry.approval) == ("claim", "pending", "pending")
    assert entry.hours == Decimal("2.50") and entry.honesty_statement
    assert entry.term == world.term
    email = OutboxItem.objects.get(key=f"service-hours-verify:{entry.pk}")
    assert email.to == ["robin@shelter.example.org"]
    assert "Sofia" in email.subject and "Ramirez" not in email.body
    assert "/activities/verify/" in email.body and "animal shelter" in email.body
    page = client_for("peer").get(URL).content.decode()
    assert "animal shelter" in page and "Waiting for the verifier" in page


BAD = [
    ({"honesty_statement": None}, "Tick the box to confirm"),
    ({"hours": ""}, "Give the number of hours"),
    ({"hours": "0"}, "at least a quarter of an hour"),
    ({"hours": "25"}, "at most 24 hours"),
    ({"hours": "lots"}, "Give the number of hours"),
    ({"hours": "1.234"}, "at most two decimals"),
    ({"hours": "1e400"}, "A day has at most 24 hours"),
    ({"date": ""}, "Give the day you did the work"),
    ({"date": "31/31/2026"}, "Enter a date such as"),
    ({"date": (datetime.date.today() + datetime.timedelta(days=3)).isoformat()}, "a day that has happened"),
    ({"date": "2205-01-01"}, "Check the year"),
    ({"date": (datetime.date.today() - datetime.timedelta(days=400)).isoformat()}, "outside the program"),
    ({"description": "   "}, "Say what you did"),
    ({"verifier_name": ""}, "Give the name of the person"),
    ({"verifier_email": "not-an-email"}, "Enter an email address"),
    ({"verifier_email": ""}, "Give the email of the person"),
    ({"program": "999999"}, "Choose one of your programs"),
    ({"program": str(2**70)}, "Choose one of your programs"),
]


@pytest.mark.parametrize(("changes", "message"), BAD, ids=[m for _c, m in BAD])
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client_for, world, changes, message):
    data = good(world, **changes)
    before, emails = ServiceHours.objects.count(), OutboxItem.objects.count()
    response = client_for("peer").post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ServiceHours.objects.count() == before
    assert OutboxItem.objects.count() == emails


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("proof.exe", b"MZ\x90\x00", "Upload a PDF, a Word document"),
        ("proof.pdf", png_bytes(), "named like a PDF file but its contents are not"),
        ("proof.png", b"", "empty"),
    ],
)
def test_a_proof_file_is_checked_like_approval_documents(client_for, world, media, name, content, message):
    data = good(world)
    stored = set(media.rglob("*.*"))
    before = ServiceHours.objects.count()
    response = client_for("peer").post(URL, {**data, "proof": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ServiceHours.objects.count() == before
    assert set(media.rglob("*.*")) == stored


def test_a_proof_is_stored_under_a_random_name_and_served_only_to_its_owner_and_staff(client_for, world, media):
    response = client_for("peer").post(
        URL, {**good(world), "proof": SimpleUploadedFile("Sofia Ramirez shelter.png", png_bytes())}
    )
    assert response.status_code == 302
    entry = ServiceHours.objects.latest("pk")
    assert "Sofia" not in entry.proof.name and entry.proof.name.endswith(".png")
    url = reverse("activities:hours_proof", kwargs={"pk": entry.pk})
    assert client_for("peer").get(url).status_code == 200
    assert client_for("coordinator").get(url).status_code == 200
    assert client_for("focus_student").get(url).status_code == 404
    assert client_for("other_coordinator").get(url).status_code == 404


def test_a_peer_sees_only_their_own_hours(client, client_for, world):
    objects = east_service(world)
    ServiceHoursFactory(
        program=objects.program, term=world.term, student=world.focus_student, description="Noah's own garden work"
    )
    page = client_for("peer").get(URL).content.decode()
    assert "Sorted cans at the food bank" in page  # Sofia's claim
    assert "garden work" not in page
    other = UserFactory(username="east.other.peer")
    StudentFactory(school=world.school, user=other, first_name="Mia")
    sign_in_verified(client, other)
    page = client.get(URL).content.decode()
    assert "Sorted cans" not in page and "garden work" not in page
    assert "You can claim hours once you take part in a program." in page


def test_a_student_without_a_program_cannot_claim(client, world):
    other = UserFactory(username="east.new.peer")
    StudentFactory(school=world.school, user=other, first_name="Mia")
    sign_in_verified(client, other)
    response = client.post(URL, good(world))
    assert response.status_code == 400
    assert not ServiceHours.objects.filter(student__first_name="Mia").exists()


def test_the_totals_per_term_count_the_verifiers_changed_hours(client_for, world):
    objects = east_service(world)
    ServiceHoursFactory(
        program=objects.program,
        term=world.term,
        student=world.peer_student,
        hours="3.00",
        verification="changed",
        verified_hours="2.25",
        approval="approved",
    )
    page = " ".join(client_for("peer").get(URL).content.decode().split())
    # 1.50 from the food drive + 2.25 as the verifier changed it; 2.00 still waiting.
    assert "3.75 h approved · 2.00 h waiting · 0.00 h declined" in page


def test_the_hours_pages_query_count_does_not_grow_with_entries(client_for, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    objects = east_service(world)
    client = client_for("peer")
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for _ in range(20):
        ServiceHoursFactory(program=objects.program, term=world.term, student=world.peer_student, proof="x.png")
    with django_assert_max_num_queries(len(few)):
        page = client.get(URL).content.decode()
    assert page.count("Sorted cans at the food bank") == 21
