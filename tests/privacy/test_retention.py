"""Retention: who is due (their last term plus STUDENT_RETENTION_DAYS, at the school's midnight), what anonymising
erases and keeps, the dry run and the run (command, page, daily task), each logged."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from recruitment.models import GuardianConsent, Match, Nomination
from schools.models import (
    AccessLogEntry,
    BehaviorNote,
    ConsentRecord,
    Guardian,
    IEPGoal,
    PeerAvailability,
    PeerPreference,
    SignInSession,
    Student,
    Term,
    User,
)
from schools.privacy import retention
from schools.privacy.tasks import anonymise_students_task
from tests.programs.factories import ProgramFactory, ProgramParticipantFactory
from tests.recruitment.factories import GuardianConsentFactory, NominationFactory, PeerApplicationFactory
from tests.schools.factories import (
    BehaviorNoteFactory,
    FocusStudentFactory,
    GuardianFactory,
    IEPGoalFactory,
    StudentFactory,
    TermFactory,
)

CHICAGO = ZoneInfo("America/Chicago")
LAST_TERM_END = datetime.date(2025, 6, 30)
DUE_ON = LAST_TERM_END + datetime.timedelta(days=365)


def at_school(day: datetime.date, hour: int, minute: int = 0):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CHICAGO), tick=False)


@pytest.fixture
def former(world):
    """A peer who took part in a program whose last term ended on June 30, 2025, and then left the school."""
    term = TermFactory(
        school=world.school,
        name="2024-25",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2024, 8, 15),
        end_date=LAST_TERM_END,
    )
    program = ProgramFactory(school=world.school)
    program.terms.add(term)
    student = StudentFactory(school=world.school, first_name="Olivia", last_name="Former", is_active=False)
    ProgramParticipantFactory(program=program, student=student, status="left")
    return student


def due_ids(**kwargs):
    return [row.student_id for row in retention.retention_due(**kwargs)]


def test_due_from_the_school_midnight_after_the_retention_days(world, former):
    with at_school(DUE_ON - datetime.timedelta(days=1), 23, 30):
        assert due_ids() == []
    with at_school(DUE_ON, 0, 30):
        [row] = retention.retention_due()
    assert row.student_id == former.pk
    assert row.last_term_ended == LAST_TERM_END
    assert row.reason == "not enrolled; last term (program term) ended 2025-06-30; 365 days kept"


@override_settings(STUDENT_RETENTION_DAYS=30)
def test_the_number_of_days_is_a_setting(world, former):
    with at_school(LAST_TERM_END + datetime.timedelta(days=30), 9):
        assert due_ids() == [former.pk]


def test_a_student_still_enrolled_and_taking_part_is_never_due(world, former):
    former.is_active = True
    former.save()
    with at_school(DUE_ON + datetime.timedelta(days=2000), 9):
        assert due_ids() == []
        former.participation = Student.Participation.FORMER
        former.save()
        assert due_ids() == [former.pk]


def test_without_a_program_the_last_school_year_counts(world):
    TermFactory(
        school=world.school,
        name="2024-25",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2024, 8, 15),
        end_date=LAST_TERM_END,
    )
    TermFactory(
        school=world.school,
        name="2025-26",
        kind=Term.Kind.SCHOOL_YEAR,
        start_date=datetime.date(2025, 8, 15),
        end_date=datetime.date(2026, 6, 30),
    )
    with at_school(datetime.date(2025, 7, 10), 9):
        left = StudentFactory(school=world.school, first_name="Left", is_active=False)
    with at_school(DUE_ON, 9):
        [row] = retention.retention_due()
    assert row.student_id == left.pk
    assert "school year" in row.reason


def test_without_any_term_the_last_change_counts(world):
    with at_school(datetime.date(2025, 7, 10), 9):
        left = StudentFactory(school=world.other_school, first_name="Left", is_active=False)
    with at_school(datetime.date(2026, 7, 10), 9):
        assert due_ids() == [left.pk]


def test_anonymising_erases_the_personal_data_and_keeps_the_row(world):
    noah = world.focus_student
    noah.date_of_birth = datetime.date(2016, 5, 1)
    noah.homeroom = "Room 12"
    noah.source_id = "SIS-1"
    noah.save()
    noah.support_team.add(world.user("staff"))
    IEPGoalFactory(student=noah)
    BehaviorNoteFactory(student=noah)
    GuardianFactory(student=noah)
    PeerPreference.objects.create(student=noah, kind="avoid", group="Confidential group")
    other = FocusStudentFactory(school=world.school)
    PeerPreference.objects.create(student=other, kind="get_to_know", peer=noah)
    PeerAvailability.objects.create(student=noah, period=world.period, weekday=1)
    ConsentRecord.objects.create(
        school=world.school, student=noah, scope="account", given_by="Maria Bennett", relationship="Mother"
    )
    SignInSession.objects.create(user=noah.user, session_key="k" * 32)
    application = PeerApplicationFactory(
        first_name="Noah",
        last_name="Bennett",
        email="noah@example.org",
        why_join="Secret reasons",
        student=noah,
        status="accepted",
    )
    GuardianConsentFactory(application=application, typed_name="Maria Bennett", responded_ip="10.0.0.1")
    NominationFactory(
        student=noah,
        campaign=application.campaign,
        first_name="",
        last_name="",
        invitation_email="noah@example.org",
        reasons="Kind to all",
    )
    match = Match.objects.create(
        program=ProgramFactory(school=world.school),
        term=world.term,
        focus_student=noah,
        peer=world.peer_student,
        explanation="Both like Noah's soccer",
    )

    retention.student_anonymise(student=noah, reason="test", by=world.user("school_admin"))

    noah.refresh_from_db()
    assert noah.full_name == f"Former student {noah.pk}"
    for name in (*Student.SENSITIVE_FIELDS, "interests", "communication", "how_to_help", "homeroom", "source_id"):
        assert getattr(noah, name) in ("", None), name
    assert not noah.is_active and noah.anonymised_at is not None
    assert noah.participation == Student.Participation.FORMER
    assert not noah.support_team.exists()
    for model in (IEPGoal, BehaviorNote, Guardian, PeerAvailability):
        assert not model.objects.filter(student=noah).exists(), model
    assert not PeerPreference.objects.filter(student=noah).exists()
    assert not PeerPreference.objects.filter(peer=noah).exists()
    record = ConsentRecord.objects.get(student=noah)
    assert (record.given_by, record.relationship, record.scope) == ("", "", "account")
    application.refresh_from_db()
    assert (application.first_name, application.email, application.why_join, application.guardian_email) == (
        "Former student",
        "",
        "",
        "",
    )
    consent = GuardianConsent.objects.get(application=application)
    assert (consent.guardian_name, consent.guardian_email, consent.typed_name, consent.responded_ip) == (
        "",
        "",
        "",
        None,
    )
    nomination = Nomination.objects.get(student=noah)
    assert (nomination.invitation_email, nomination.reasons) == ("", "")
    match.refresh_from_db()
    assert match.explanation == ""
    user = User.objects.get(pk=noah.user_id)
    assert not user.is_active and not user.has_usable_password()
    assert (user.username, user.first_name, user.last_name, user.email) == (f"former-{user.pk}", "", "", "")
    assert not SignInSession.objects.filter(user=user).exists()
    [entry] = AccessLogEntry.objects.filter(student=noah, action=AccessLogEntry.Action.CHANGE)
    assert entry.what == "anonymised: test"
    assert entry.user == world.user("school_admin")


def test_anonymising_twice_changes_nothing_more(world, former):
    retention.student_anonymise(student=former, reason="first")
    stamp = Student.objects.get(pk=former.pk).anonymised_at
    retention.student_anonymise(student=former, reason="second")
    assert Student.objects.get(pk=former.pk).anonymised_at == stamp
    assert AccessLogEntry.objects.filter(student=former).count() == 1
    assert AccessLogEntry.objects.get(student=former).user.username == retention.RETENTION_USERNAME


def test_the_dry_run_names_ids_and_reasons_and_the_run_counts(world, former, capsys, caplog):
    with at_school(DUE_ON, 9):
        call_command("anonymise_students", "--dry-run")
        out = capsys.readouterr().out
        assert f"student {former.pk} (school {world.school.pk}): due since 2026-06-30: not enrolled" in out
        assert "Dry run: 1 student(s) would be anonymised." in out
        assert "Olivia" not in out
        assert Student.objects.get(pk=former.pk).anonymised_at is None
        call_command("anonymise_students")
        assert "Anonymised 1 student(s)." in capsys.readouterr().out
    assert Student.objects.get(pk=former.pk).anonymised_at is not None
    assert f"student.anonymised student_id={former.pk}" in caplog.text
    assert "retention.run school_id=all" in caplog.text
    assert "Olivia" not in caplog.text


def test_the_command_refuses_an_unknown_school(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No school with the short name 'nowhere'"):
        call_command("anonymise_students", "--dry-run", "--school", "nowhere")


def test_the_daily_task_runs_it_and_is_safe_to_repeat(world, former):
    with at_school(DUE_ON, 9):
        assert anonymise_students_task.delay().get() == 1
        assert anonymise_students_task.delay().get() == 0


def test_the_principal_sees_the_next_run_and_runs_it_for_the_school(world, former, client_for):
    far = StudentFactory(school=world.other_school, first_name="Putnam", is_active=False)
    client = client_for("school_admin")
    with at_school(DUE_ON, 9):
        page = client.get(reverse("retention"))
        text = " ".join(html.unescape(page.content.decode()).split())
        assert "Olivia Former" in text
        assert "not enrolled; last term (program term) ended 2025-06-30" in text
        assert "Putnam" not in text
        assert Student.objects.get(pk=former.pk).anonymised_at is None
        response = client.post(reverse("retention_run"), follow=True)
    assert "1 student was anonymised." in response.content.decode()
    assert Student.objects.get(pk=former.pk).anonymised_at is not None
    assert Student.objects.get(pk=far.pk).anonymised_at is None
    entry = AccessLogEntry.objects.get(student=former)
    assert entry.user == world.user("school_admin") and entry.what.startswith("anonymised: retention: not enrolled")


def test_the_retention_page_queries_do_not_grow(world, former, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("school_admin")
    with at_school(DUE_ON, 9):
        client.get(reverse("retention"))
        with CaptureQueriesContext(connection) as one:
            client.get(reverse("retention"))
        for number in range(5):
            StudentFactory(school=world.school, first_name=f"Gone{number}", is_active=False)
        with django_assert_max_num_queries(len(one.captured_queries)):
            page = client.get(reverse("retention"))
    # The new ones left on the due day; the latest school year begun by then is 2024-25, so they are due too.
    assert "Anonymise 6 students now" in page.content.decode()


def test_no_one_due_says_so(world, client_for):
    page = client_for("school_admin").get(reverse("retention"))
    assert "No student is due." in page.content.decode()


def test_the_retention_account_cannot_sign_in(world):
    user = retention.retention_user()
    assert not user.is_active and not user.has_usable_password()
    assert retention.retention_user() == user
