"""Retention of children who never joined: applications never accepted and nominations that never became a roster
student are erased STUDENT_RETENTION_DAYS after their campaign's term ended, by the same run as students."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from recruitment.models import GuardianConsent, Nomination, PeerApplication
from schools.models import Term
from schools.privacy import retention
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import (
    CampaignFactory,
    GuardianConsentFactory,
    NominationFactory,
    PeerApplicationFactory,
)
from tests.schools.factories import StudentFactory, TermFactory

CHICAGO = ZoneInfo("America/Chicago")
TERM_END = datetime.date(2025, 6, 30)
DUE_ON = TERM_END + datetime.timedelta(days=365)


def at_school(day: datetime.date, hour: int = 9):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=CHICAGO), tick=False)


@pytest.fixture
def old_campaign(world):
    term = TermFactory(
        school=world.school,
        name="2024-25",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2024, 8, 15),
        end_date=TERM_END,
    )
    return CampaignFactory(program=ProgramFactory(school=world.school), term=term)


@pytest.fixture
def declined(old_campaign):
    application = PeerApplicationFactory(
        campaign=old_campaign,
        first_name="Harper",
        last_name="Declined",
        status=PeerApplication.Status.DECLINED,
        why_join="My cousin uses a wheelchair.",
        review_notes="Missed the interview.",
        guardian_name="Dana Declined",
        history="Ms. Lee replaced the parent or guardian Dana Declined <dana@family.example.org>.",
    )
    GuardianConsentFactory(application=application, typed_name="Dana Declined")
    return application


def test_a_declined_applicants_data_is_erased_from_the_due_day_counts_stay(world, old_campaign, declined):
    accepted_student = StudentFactory(school=world.school, first_name="Ivy")
    accepted = PeerApplicationFactory(
        campaign=old_campaign, first_name="Ivy", status=PeerApplication.Status.ACCEPTED, student=accepted_student
    )
    nominee = NominationFactory(campaign=old_campaign, first_name="Nico", last_name="Nominee")
    with at_school(DUE_ON - datetime.timedelta(days=1)):
        assert retention.sweeps_due() == [("applications and nominations of children who never joined", 0)]
        retention.retention_run()
    assert PeerApplication.objects.get(pk=declined.pk).first_name == "Harper"
    with at_school(DUE_ON):
        assert retention.sweeps_due() == [("applications and nominations of children who never joined", 2)]
        retention.retention_run()
        assert retention.sweeps_due() == [("applications and nominations of children who never joined", 0)]
    erased = PeerApplication.objects.get(pk=declined.pk)
    assert (erased.first_name, erased.last_name) == ("Former applicant", str(declined.pk))
    assert erased.why_join == erased.review_notes == erased.guardian_name == erased.guardian_email == ""
    assert erased.history == ""
    assert erased.status == PeerApplication.Status.DECLINED and erased.grade == declined.grade  # counts stay
    consent = GuardianConsent.objects.get(application=declined)
    assert consent.guardian_name == consent.guardian_email == consent.typed_name == ""
    erased_nomination = Nomination.objects.get(pk=nominee.pk)
    assert (erased_nomination.first_name, erased_nomination.last_name) == ("Former nominee", str(nominee.pk))
    assert erased_nomination.reasons == ""
    # The accepted child is a roster student: their own retention decides, not this sweep.
    assert PeerApplication.objects.get(pk=accepted.pk).first_name == "Ivy"


def test_another_schools_old_applications_wait_for_their_own_run(world, declined):
    other_term = TermFactory(
        school=world.other_school, start_date=datetime.date(2024, 8, 15), end_date=TERM_END, name="2024-25"
    )
    other = PeerApplicationFactory(
        campaign=CampaignFactory(program=ProgramFactory(school=world.other_school), term=other_term),
        first_name="Pia",
        status=PeerApplication.Status.WITHDRAWN,
    )
    with at_school(DUE_ON):
        retention.retention_run(school=world.school)
    assert PeerApplication.objects.get(pk=declined.pk).first_name == "Former applicant"
    assert PeerApplication.objects.get(pk=other.pk).first_name == "Pia"


def test_the_dry_run_and_the_principals_page_say_how_many(world, declined, client_for, capsys):
    with at_school(DUE_ON):
        call_command("anonymise_students", "--dry-run")
        out = capsys.readouterr().out
        assert "Dry run: 1 applications and nominations of children who never joined would be erased." in out
        assert "Harper" not in out
        page = client_for("school_admin").get(reverse("retention"))
        text = " ".join(html.unescape(page.content.decode()).split())
        assert "Applications and nominations of children who never joined: 1" in text
        assert "Erase them now" in text
        response = client_for("school_admin").post(reverse("retention_run"), follow=True)
    assert response.status_code == 200
    assert PeerApplication.objects.get(pk=declined.pk).first_name == "Former applicant"
