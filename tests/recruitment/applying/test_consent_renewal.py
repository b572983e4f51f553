"""Guardians are asked, once, to renew consent before the next program year; a renewal link is answered once and a
"yes" carries the consent to the end of the next school year. The coordinator's dashboard lists expired consents."""

import datetime
import html
import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from recruitment.applying import renewal
from recruitment.models import GuardianConsent
from recruitment.tasks import send_consent_renewals
from schools.models import ConsentRecord, Student, Term
from schools.privacy.tasks import send_consent_record_renewals
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import GuardianFactory, StudentFactory, TermFactory

YEAR_END = datetime.date(2026, 6, 30)
NEXT_YEAR_END = datetime.date(2027, 6, 30)
# 07:00 in Chicago: 30 days before the end of the school year, and the day before that.
WINDOW_OPENS = datetime.datetime(2026, 5, 31, 12, 0, tzinfo=datetime.UTC)
DAY_BEFORE = WINDOW_OPENS - datetime.timedelta(days=1)


@pytest.fixture
def school_years(world):
    TermFactory(
        school=world.school,
        name="2025-26",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2025, 8, 15),
        end_date=YEAR_END,
    )
    TermFactory(
        school=world.school,
        name="2026-27",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2026, 8, 14),
        end_date=NEXT_YEAR_END,
    )


@pytest.fixture
def program(world):
    return ProgramFactory(school=world.school, name="Lunch Bunch")


def taking_part(program, first_name="Mason", *, valid_until=YEAR_END, email="pat@family.example.org"):
    peer = StudentFactory(school=program.school, first_name=first_name)
    ProgramParticipantFactory(program=program, student=peer)
    application = PeerApplicationFactory(
        campaign=CampaignFactory(program=program), first_name=first_name, status="accepted", student=peer
    )
    GuardianConsentFactory(
        application=application,
        status="consented",
        valid_until=valid_until,
        guardian_name="Pat Guardian",
        guardian_email=email,
    )
    return peer


def run(task, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return task.delay().get()


def link_in(body: str) -> str:
    return re.search(r"http://testserver(/consent/renew/\S+/)", body).group(1)


@override_settings(SITE_URL="http://testserver")
def test_guardian_is_asked_once_from_30_days_before_the_end(
    world, program, school_years, mailoutbox, django_capture_on_commit_callbacks
):
    taking_part(program)
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert run(send_consent_renewals, django_capture_on_commit_callbacks) == 0
    with time_machine.travel(WINDOW_OPENS, tick=False):
        assert run(send_consent_renewals, django_capture_on_commit_callbacks) == 1
        assert run(send_consent_renewals, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["pat@family.example.org"]
    assert email.subject == "Please renew your consent for Mason in Lunch Bunch"
    assert "Your consent ends on June 30, 2026" in email.body
    consent = GuardianConsent.objects.get()
    assert consent.renewal_requested_at == WINDOW_OPENS
    assert consent.renewal_token is not None


@override_settings(SITE_URL="http://testserver")
def test_peers_no_longer_taking_part_are_not_asked(
    world, program, school_years, mailoutbox, django_capture_on_commit_callbacks
):
    left = taking_part(program, "Left")
    left.participation = Student.Participation.FORMER
    left.save()
    moved = taking_part(program, "Moved")
    moved.is_active = False
    moved.save()
    taking_part(program, "Later", valid_until=NEXT_YEAR_END)
    with time_machine.travel(WINDOW_OPENS, tick=False):
        assert run(send_consent_renewals, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


@override_settings(SITE_URL="http://testserver")
def test_renewing_extends_consent_to_the_end_of_the_next_school_year(
    world, program, school_years, client, mailoutbox, django_capture_on_commit_callbacks
):
    taking_part(program)
    with time_machine.travel(WINDOW_OPENS, tick=False):
        run(send_consent_renewals, django_capture_on_commit_callbacks)
    url = link_in(mailoutbox[0].body)
    answering = time_machine.travel(WINDOW_OPENS + datetime.timedelta(days=3), tick=False)
    answering.start()
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Please renew it so that Mason can keep taking part" in html.unescape(page.content.decode())

    # Bad input: no answer, or a yes without a signature, saves nothing.
    assert "Please choose yes or no." in client.post(url, {}).content.decode()
    page = client.post(url, {"answer": "yes", "typed_name": " "})
    assert "Please type your full name to give consent." in page.content.decode()
    assert GuardianConsent.objects.get().renewal_answered_at is None

    page = client.post(url, {"answer": "yes", "typed_name": "Pat Guardian"})
    assert "Thank you for renewing your consent" in page.content.decode()
    consent = GuardianConsent.objects.get()
    assert consent.valid_until == NEXT_YEAR_END
    assert consent.renewal_agreed is True
    # The link is used once.
    assert "already answered" in client.post(url, {"answer": "no"}).content.decode()
    assert GuardianConsent.objects.get().valid_until == NEXT_YEAR_END
    answering.stop()
    # Months later, the link has expired.
    assert "This link has expired" in client.get(url).content.decode()
    # A year on, the guardian is asked again, with a new link.
    with time_machine.travel(WINDOW_OPENS + datetime.timedelta(days=365), tick=False):
        assert run(send_consent_renewals, django_capture_on_commit_callbacks) == 1
        assert "Your consent ends on June 30, 2027" in mailoutbox[-1].body
        assert link_in(mailoutbox[-1].body) != url


@override_settings(SITE_URL="http://testserver")
def test_declining_the_renewal_lets_consent_run_out(
    world, program, school_years, client, mailoutbox, django_capture_on_commit_callbacks
):
    taking_part(program)
    with time_machine.travel(WINDOW_OPENS, tick=False):
        run(send_consent_renewals, django_capture_on_commit_callbacks)
    with time_machine.travel(WINDOW_OPENS + datetime.timedelta(days=3), tick=False):
        page = client.post(link_in(mailoutbox[0].body), {"answer": "no"})
    assert "We recorded your answer" in page.content.decode()
    consent = GuardianConsent.objects.get()
    assert consent.valid_until == YEAR_END and consent.renewal_agreed is False


def test_a_forged_or_first_consent_link_does_not_open_a_renewal(world, program, client):
    peer = taking_part(program)
    consent = GuardianConsent.objects.get(application__student=peer)
    assert "does not work" in client.get("/consent/renew/nonsense/").content.decode()
    from recruitment.applying import tokens

    first_link = tokens.sign(consent.token, salt=tokens.CONSENT_SALT)
    assert "does not work" in client.get(f"/consent/renew/{first_link}/").content.decode()


def test_next_school_year_without_a_term_is_a_year_later(world):
    assert renewal.next_school_year_end(world.school, after=YEAR_END) == NEXT_YEAR_END


def test_valid_until_comes_from_the_school_year_of_a_semester_entered_without_one(world, school_years):
    from recruitment.applying.services import consent_valid_until

    spring = TermFactory(
        school=world.school,
        name="Spring 2026",
        start_date=datetime.date(2026, 1, 5),
        end_date=datetime.date(2026, 5, 20),
    )
    assert consent_valid_until(CampaignFactory(term=spring, program=ProgramFactory(school=world.school))) == YEAR_END


# --- Consent records entered by hand ---


def test_a_hand_entered_consent_lasts_until_the_end_of_the_school_year(world, school_years):
    record = ConsentRecord.objects.create(
        school=world.school,
        student=world.peer_student,
        scope=ConsentRecord.Scope.PARTICIPATION,
        given_by="Pat",
        given_on=datetime.date(2025, 9, 2),
    )
    assert record.expires_on == YEAR_END


def test_guardians_of_a_hand_entered_consent_are_asked_once(
    world, school_years, mailoutbox, django_capture_on_commit_callbacks
):
    peer = world.peer_student
    GuardianFactory(student=peer, email="mum@family.example.org")
    GuardianFactory(student=peer, email="")
    ConsentRecord.objects.create(
        school=world.school,
        student=peer,
        scope=ConsentRecord.Scope.PARTICIPATION,
        given_by="Mum",
        given_on=datetime.date(2025, 9, 2),
    )
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert run(send_consent_record_renewals, django_capture_on_commit_callbacks) == 0
    with time_machine.travel(WINDOW_OPENS, tick=False):
        assert run(send_consent_record_renewals, django_capture_on_commit_callbacks) == 1
        assert run(send_consent_record_renewals, django_capture_on_commit_callbacks) == 0
    assert [email.to for email in mailoutbox] == [["mum@family.example.org"]]
    assert "ends on June 30, 2026" in mailoutbox[0].body
    assert ConsentRecord.objects.get().renewal_requested_at == WINDOW_OPENS


# --- The coordinator's dashboard ---


def test_dashboard_lists_peers_whose_consent_expired_with_renewal_status(world, program, client_for):
    taking_part(program, "Mason", valid_until=datetime.date(2025, 6, 30))
    taking_part(program, "Harper", valid_until=datetime.date(2099, 6, 30))
    asked = taking_part(program, "Ava", valid_until=datetime.date(2025, 6, 30))
    GuardianConsent.objects.filter(application__student=asked).update(
        renewal_requested_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
    )
    text = " ".join(html.unescape(client_for("coordinator").get(reverse("dashboard")).content.decode()).split())
    assert "Consent has expired for 2 peers: they can't join new activities until a guardian renews it" in text
    assert "renewal asked for on Jun 1, 2025, no answer yet" in text
    assert "no renewal request sent" in text
    assert "Harper" not in text
    staff_page = client_for("staff").get(reverse("dashboard")).content.decode()
    assert "Consent has expired" not in html.unescape(staff_page)


def test_dashboard_panel_queries_do_not_grow_with_peers(world, program, client_for, django_assert_max_num_queries):
    client = client_for("coordinator")
    taking_part(program, "Mason", valid_until=datetime.date(2025, 6, 30))
    client.get(reverse("dashboard"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    for number in range(5):
        taking_part(program, f"Peer{number}", valid_until=datetime.date(2025, 6, 30))
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(reverse("dashboard"))
    assert "Consent has expired for 6 peers" in page.content.decode()
