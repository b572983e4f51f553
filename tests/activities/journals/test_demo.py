"""The journals demo, on the whole seeded demo (seeded once for the module): East's "Peer to Peer" course has the
starter prompts and a few weeks of journals by three peers, no two entries the same, replies on most, one worry
followed up and one open on east.coordinator's dashboard; a second run changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from activities.journals import demo, selectors
from activities.models import JournalEntry, JournalPrompt
from schools.models import School, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def east_program(seeded):
    east = School.objects.get(slug="east-elementary")
    programs = list(selectors.journal_programs(school=east))
    assert [p.name for p in programs] == ["Peer to Peer"]
    return programs[0]


def test_easts_course_has_journals_by_three_peers_with_replies_and_worries(east_program):
    entries = list(JournalEntry.objects.filter(program=east_program).prefetch_related("replies"))
    assert len({e.peer_id for e in entries}) == 3
    assert len({e.week for e in entries}) >= 3
    assert len({e.text for e in entries}) == len(entries)  # no two the same
    answered = [e for e in entries if e.replies.all()]
    assert len(answered) > len(entries) / 2
    worries = [e for e in entries if e.worry_flagged]
    assert len([e for e in worries if e.followed_up_at]) == 1 and len([e for e in worries if e.needs_follow_up]) == 1
    assert all(e.peer.kind == "peer" for e in entries)
    # The demo's peer account (Sofia) has her own journal to open.
    assert any(e.peer.user and e.peer.user.username == "east.peer" for e in entries)
    assert JournalPrompt.objects.filter(program=east_program, is_active=True).count() >= 5
    # Written in the peers' words about their partners, never with the template's placeholder.
    assert not any("{partner}" in e.text for e in entries)
    # Each reply came after its week began and not in the future; only the last week's are news on the dashboard.
    from django.utils import timezone

    replies = [reply for entry in entries for reply in entry.replies.all()]
    assert all(reply.entry.week <= timezone.localdate(reply.created_at) for reply in replies)
    assert all(reply.created_at <= timezone.now() for reply in replies)
    assert {reply.entry.week for reply in replies} != {
        reply.entry.week for reply in replies if reply.created_at > timezone.now() - datetime.timedelta(days=7)
    }


def test_the_open_worry_is_on_east_coordinators_dashboard(east_program, client):
    from tests.two_factor import sign_in_verified

    sign_in_verified(client, User.objects.get(username="east.coordinator"))
    page = client.get("/").content.decode()
    page = client.get("/dashboard/").content.decode() if "Journals asking" not in page else page
    open_worry = JournalEntry.objects.get(program=east_program, worry_flagged=True, followed_up_at=None)
    assert "Journals asking for a staff check-in" in page
    assert f"/activities/journals/entries/{open_worry.pk}/" in page


def test_a_second_run_changes_nothing(east_program):
    before = JournalEntry.objects.count()
    assert demo.seed(password="x") == ""
    assert JournalEntry.objects.count() == before
