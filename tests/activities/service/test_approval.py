"""The coordinator's review: filters, approve in bulk, decline with a required reason; entries are never deleted.
The program's rule approves an entry when it gets its last proof. Staff may add hours. The list's queries do not
grow with its rows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import ActivitySettings, ServiceHours
from activities.service import services
from tests.activities.factories import ServiceHoursFactory, east_service
from tests.programs.factories import ProgramFactory
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db

REVIEW = reverse("activities:hours_review")
APPROVE = reverse("activities:hours_approve")


@pytest.fixture
def east(world):
    return east_service(world)


def claims(east, world, n, **kwargs):
    return [
        ServiceHoursFactory(program=east.program, term=world.term, student=world.peer_student, **kwargs)
        for _ in range(n)
    ]


def test_bulk_approve_approves_the_ticked_pending_entries_only(client_for, world, east):
    waiting = claims(east, world, 3)
    declined = ServiceHoursFactory(
        program=east.program, term=world.term, student=world.peer_student, approval="declined", decline_reason="No"
    )
    response = client_for("coordinator").post(
        APPROVE, {"entries": [waiting[0].pk, waiting[1].pk, declined.pk], "next": REVIEW + "?status=pending"}
    )
    assert response.status_code == 302 and response["Location"] == REVIEW + "?status=pending"
    states = {e.pk: (e.approval, e.decided_by_id) for e in ServiceHours.objects.all()}
    coordinator = world.user("coordinator").pk
    assert states[waiting[0].pk] == ("approved", coordinator)
    assert states[waiting[1].pk] == ("approved", coordinator)
    assert states[waiting[2].pk] == ("pending", None)
    assert states[declined.pk][0] == "declined"  # a decided entry keeps its decision


def test_approval_does_not_wait_for_the_verifier_and_verification_is_kept(client_for, world, east):
    client_for("coordinator").post(APPROVE, {"entries": [east.claim.pk]})
    east.claim.refresh_from_db()
    assert east.claim.approval == "approved" and east.claim.verification == "pending"


@pytest.mark.parametrize("entries", [[], ["nonsense"], [str(2**70)]])
def test_bulk_approve_with_nothing_or_forged_ids_says_so(client_for, world, east, entries):
    response = client_for("coordinator").post(APPROVE, {"entries": entries}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tick the hours to approve." in text or "not on this list" in text
    assert (
        not ServiceHours.objects.filter(approval="approved", decided_by=world.user("coordinator"))
        .exclude(pk__in=[e.pk for e in east.approved])
        .exists()
    )


def test_another_schools_entry_cannot_be_approved(client_for, world, east):
    putnam = ProgramFactory(school=world.other_school)
    theirs = ServiceHoursFactory(program=putnam, term=TermFactory(school=world.other_school))
    client_for("coordinator").post(APPROVE, {"entries": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.approval == "pending"
    # East's entries are not on Putnam's list.
    page = client_for("other_coordinator").get(REVIEW).content.decode()
    assert world.peer_student.full_name not in page


def test_declining_needs_a_reason_and_keeps_the_entry(client_for, world, east):
    url = reverse("activities:hours_decline", kwargs={"pk": east.claim.pk})
    client = client_for("coordinator")
    for reason in ("", "   "):
        response = client.post(url, {"reason": reason})
        assert response.status_code == 400
        assert "Give the reason: the student reads it." in response.content.decode()
        east.claim.refresh_from_db()
        assert east.claim.approval == "pending"
    response = client.post(url, {"reason": "Family members cannot verify hours."})
    assert response.status_code == 302
    east.claim.refresh_from_db()
    assert east.claim.approval == "declined" and east.claim.decline_reason == "Family members cannot verify hours."
    page = client_for("peer").get(reverse("activities:my_hours")).content.decode()
    assert "Family members cannot verify hours." in page
    # Declined, not gone; and an entry cannot be deleted at all.
    assert ServiceHours.objects.filter(pk=east.claim.pk).exists()
    with pytest.raises(PermissionError):
        east.claim.delete()


def test_an_approved_entry_may_still_be_declined_with_a_reason(world, east):
    entry = east.approved[0]
    services.hours_decline(entry=entry, reason="Counted twice.", decided_by=world.user("coordinator"))
    entry.refresh_from_db()
    assert entry.approval == "declined"


def test_the_settings_page_saves_the_rule_and_refuses_a_rule_without_proofs(client_for, world, east):
    url = reverse("activities:hours_settings", kwargs={"pk": east.program.pk})
    client = client_for("coordinator")
    response = client.post(url, {"auto_approve_hours": "on"})
    assert response.status_code == 400
    assert "Choose the proofs an entry needs" in response.content.decode()
    assert not ActivitySettings.objects.filter(program=east.program).exists()
    response = client.post(url, {"auto_approve_hours": "on", "auto_approve_proofs": ["bogus"]})
    assert response.status_code == 400
    assert "Choose proofs from the list." in response.content.decode()
    response = client.post(url, {"auto_approve_hours": "on", "auto_approve_proofs": ["verifier", "document"]})
    assert response.status_code == 302
    rule = ActivitySettings.objects.get(program=east.program)
    assert rule.auto_approve_hours and rule.auto_approve_proofs == ["verifier", "document"]
    # Saving the rule approves nothing by itself: it applies when an entry gets its last proof.
    east.claim.refresh_from_db()
    assert east.claim.approval == "pending"


def test_a_claim_with_a_document_is_approved_when_the_program_asks_only_for_a_document(world, east):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.activities.factories import png_bytes

    ActivitySettings.objects.create(program=east.program, auto_approve_hours=True, auto_approve_proofs=["document"])
    entry = services.hours_claim(
        student=world.peer_student,
        program=east.program,
        date=datetime.date.today(),
        hours=Decimal("1"),
        description="Park clean-up",
        verifier_name="Lee",
        verifier_email="lee@example.org",
        honesty_statement=True,
        proof=SimpleUploadedFile("p.png", png_bytes()),
    )
    assert entry.approval == "approved"


def test_staff_add_hours_for_a_student_as_its_verifier(client_for, world, east):
    url = reverse("activities:hours_add")
    data = {
        "program": east.program.pk,
        "student": world.focus_student.pk,
        "date": datetime.date.today().isoformat(),
        "hours": "1.25",
        "description": "Helped set up the food drive tables",
    }
    before = ServiceHours.objects.count()
    for changes, message in (
        ({"student": world.peer_student.pk + 9999}, "not on this list"),
        ({"hours": "30"}, "at most 24 hours"),
        ({"description": ""}, "Say what the student did."),
        ({"date": "2205-01-01"}, "Check the year"),
        ({"program": ""}, "Choose the program."),
    ):
        response = client_for("staff").post(url, {**data, **changes})
        assert response.status_code == 400, changes
        assert message in response.content.decode(), changes
    assert ServiceHours.objects.count() == before
    assert client_for("staff").post(url, data).status_code == 302
    entry = ServiceHours.objects.latest("pk")
    assert entry.student == world.focus_student and entry.created_by == world.user("staff")
    assert entry.verification == "confirmed" and entry.approval == "pending"
    assert entry.verifier_name == world.user("staff").display_name


def test_a_student_outside_the_program_cannot_get_staff_hours(client_for, world, east):
    from programs.models import ProgramParticipant
    from tests.schools.factories import StudentFactory

    outsider = StudentFactory(school=world.school, first_name="Ava")
    other_program = ProgramFactory(school=world.school, name="Lunch club")
    ProgramParticipant.objects.create(program=other_program, student=outsider)
    response = client_for("staff").post(
        reverse("activities:hours_add"),
        {
            "program": east.program.pk,
            "student": outsider.pk,
            "date": datetime.date.today().isoformat(),
            "hours": "1",
            "description": "x",
        },
    )
    assert response.status_code == 400
    assert "does not take part in that program" in response.content.decode()


def test_the_filters_narrow_the_list_and_bad_filters_are_said(client_for, world, east):
    client = client_for("coordinator")
    page = client.get(REVIEW, {"status": "verifier"}).content.decode()
    assert "Sorted cans" in page and "Food drive for Riverside Food Bank</span>" not in page
    page = client.get(REVIEW, {"status": "approved"}).content.decode()
    assert "Sorted cans" not in page
    response = client.get(REVIEW, {"program": "abc", "term": str(2**70), "status": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_coordinator_opens_the_list_on_what_waits_for_approval(client_for, world, east):
    waiting, approved = (
        claims(east, world, 1, description="Raked leaves at the park")[0],
        claims(east, world, 1, description="Read to kindergarteners", approval="approved")[0],
    )

    page = client_for("coordinator").get(REVIEW).content.decode()
    assert waiting.description in page and approved.description not in page
    assert 'data-tick-all="entries"' in page
    # Staff who read the list see every entry, and no approve controls.
    page = client_for("staff").get(REVIEW).content.decode()
    assert waiting.description in page and approved.description in page
    assert "data-tick-all" not in page


def test_the_review_lists_query_count_does_not_grow_with_its_rows(
    client_for, world, east, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("coordinator")
    query = {"program": east.program.pk, "term": world.term.pk}
    with CaptureQueriesContext(connection) as few:
        assert client.get(REVIEW, query).status_code == 200
    claims(east, world, 30, verification="changed", verified_hours="1.00")
    with django_assert_max_num_queries(len(few)):
        page = client.get(REVIEW, query).content.decode()
    assert page.count('name="entries"') == 31


def test_the_dashboards_say_what_waits(client_for, world, east):
    page = " ".join(client_for("peer").get(reverse("dashboard")).content.decode().split())
    assert "Your service hours" in page and "1.50 approved, 2.00 waiting for approval." in page
    page = " ".join(client_for("coordinator").get(reverse("dashboard")).content.decode().split())
    assert "1 entry waits for your approval." in page and "1 waits for its verifier." in page
    assert "Service hours to approve" not in client_for("staff").get(reverse("dashboard")).content.decode()
