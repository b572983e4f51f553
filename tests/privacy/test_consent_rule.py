"""Consent records the school entered by hand: in force on the school's own day, and the queryset
(``ConsentRecord.objects.valid``, which the consent rule and a child's sign-in use) agrees with one record's
``is_valid`` (the consent records page) on every edge."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from schools.accounts.student_accounts import has_account_consent
from schools.dates import school_today
from schools.models import ConsentRecord
from schools.privacy.services import consent_record_withdraw
from tests.schools.factories import TermFactory

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2026, 3, 10)
# 08:30 UTC on 11 March: the 11th on the server, still the evening of the 10th in Honolulu.
HONOLULU_EVENING = datetime.datetime(2026, 3, 11, 8, 30, tzinfo=datetime.UTC)


def record(
    world, *, scope=ConsentRecord.Scope.ACCOUNT, given_by="Pat", given=-30, expires=None, withdrawn=None, today=None
):
    today = today or school_today(world.school)
    return ConsentRecord.objects.create(
        school=world.school,
        student=world.peer_student,
        scope=scope,
        given_by=given_by,
        given_on=today + datetime.timedelta(days=given),
        expires_on=None if expires is None else today + datetime.timedelta(days=expires),
        withdrawn_on=None if withdrawn is None else today + datetime.timedelta(days=withdrawn),
    )


def test_a_record_ending_today_at_the_school_is_in_force_when_the_server_is_on_the_next_day(world):
    world.school.time_zone = "Pacific/Honolulu"
    world.school.save()
    with time_machine.travel(HONOLULU_EVENING, tick=False):
        assert timezone.localdate() == LAST_DAY + datetime.timedelta(days=1)
        consent = record(world, expires=0)
        assert consent.expires_on == LAST_DAY
        assert consent.is_valid()
        assert has_account_consent(world.peer_student)
        # Withdrawing "today" means the school's today: the consent stops counting at once.
        consent_record_withdraw(consent=consent, withdrawn_by=world.user("coordinator"))
        consent.refresh_from_db()
        assert consent.withdrawn_on == LAST_DAY
        assert not consent.is_valid()
        assert not has_account_consent(world.peer_student)


# Each edge: (name, given (days from today), expires, withdrawn, in force today?)
EDGES = [
    ("ends today", -30, 0, None, True),
    ("ended yesterday", -30, -1, None, False),
    ("no end", -30, None, None, True),
    ("given today", 0, 30, None, True),
    ("given tomorrow", 1, 30, None, False),
    ("withdrawn today", -30, 30, 0, False),
    ("withdrawn from tomorrow", -30, 30, 1, True),
]


def test_the_queryset_and_one_record_agree_at_every_edge(world):
    today = school_today(world.school)
    records = {
        name: record(world, given_by=name, given=given, expires=expires, withdrawn=withdrawn, today=today)
        for name, given, expires, withdrawn, _in_force in EDGES
    }
    valid = set(ConsentRecord.objects.valid(today).values_list("given_by", flat=True))
    for name, _given, _expires, _withdrawn, in_force in EDGES:
        assert (name in valid) is in_force, name
        assert records[name].is_valid(today) is in_force, name
        assert records[name].is_valid() is in_force, name


def test_a_record_entered_without_an_end_lasts_the_school_year_or_has_no_end_without_one(world):
    given_on = datetime.date(2025, 9, 2)
    no_year = record(world, given_by="Before the year was entered", given=0, today=given_on)
    assert no_year.expires_on is None
    TermFactory(
        school=world.school,
        name="2025–26",
        kind="school_year",
        start_date=datetime.date(2025, 8, 12),
        end_date=datetime.date(2026, 5, 28),
    )
    assert record(world, given_by="After", given=0, today=given_on).expires_on == datetime.date(2026, 5, 28)
