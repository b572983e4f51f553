"""The principal reviews the next anonymising run and deletes one child's data in a real browser; the coordinator
sees whose consent has expired. Every page is axe-clean, at desktop and phone width."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from schools.models import Student
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import StudentFactory

from .conftest import PHONE, assert_no_axe_violations
from .test_coordinator_journey import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_principal_reviews_the_run_and_deletes_a_childs_data(new_page, live_server, world, device):
    StudentFactory(school=world.school, first_name="Olivia", last_name="Former", is_active=False)
    Student.objects.filter(first_name="Olivia").update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    page = new_page(viewport=PHONE) if device == "phone" else new_page()
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("school_admin").username)

    page.goto(live_server.url + reverse("retention"))
    expect(page.get_by_role("heading", name="What the next run would do")).to_be_visible()
    expect(page.get_by_role("link", name="Olivia Former")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Anonymise 1 student now").click()
    expect(page.get_by_text("1 student was anonymised.")).to_be_visible()

    page.goto(live_server.url + reverse("student_detail", kwargs={"pk": world.peer_student.pk}))
    page.get_by_role("link", name="Delete this child's data").click()
    assert_no_axe_violations(page)
    page.get_by_label("Type the student's first name to confirm").fill("Sophia")
    page.get_by_role("button", name="Delete this child's data").click()
    expect(page.get_by_text("That is not the student's first name. Nothing was deleted.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Type the student's first name to confirm").fill("Sofia")
    page.get_by_role("button", name="Delete this child's data").click()
    expect(page.get_by_text("The student's data was deleted.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Former student {world.peer_student.pk}")).to_be_visible()


def test_coordinator_sees_whose_consent_has_expired(new_page, live_server, world):
    program = ProgramFactory(school=world.school)
    ProgramParticipantFactory(program=program, student=world.peer_student)
    application = PeerApplicationFactory(
        campaign=CampaignFactory(program=program), status="accepted", student=world.peer_student
    )
    GuardianConsentFactory(application=application, status="consented", valid_until=datetime.date(2025, 6, 30))
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + reverse("login"))
    sign_in(page, world.user("coordinator").username)
    page.goto(live_server.url + reverse("dashboard"))
    expect(
        page.get_by_role(
            "heading", name="Consent has expired for 1 peer: they can't join new activities until a guardian renews it"
        )
    ).to_be_visible()
    assert_no_axe_violations(page)
