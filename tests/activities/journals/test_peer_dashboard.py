"""The peer's dashboard panel "My journal": whether this week's entry is written, and the staff's replies of the last
two weeks, linked to the peer's own entry; nothing of another peer's; no panel without a journal program."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.journals.selectors import REPLY_SHOWN_DAYS
from activities.models import JournalReply
from tests.activities.journals.factories import OTHER_PEER_MARKER, JournalEntryFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


def test_the_panel_asks_for_this_weeks_entry_and_shows_the_new_reply(world, journals, client_for):
    html = client_for("peer").get(DASHBOARD).content.decode()

    assert 'id="my-journal-heading"' in html
    assert "You haven't written this week's journal yet." in html
    assert "New reply" in html
    own_entry = reverse("activities:my_journal_entry", kwargs={"pk": journals.own_entry.pk})
    assert own_entry in html
    assert OTHER_PEER_MARKER not in html  # Liam's entry and its reply are his

    JournalEntryFactory(program=journals.program, peer=world.peer_student, week=journals.this_week, text="Done.")
    assert "You wrote this week's journal." in client_for("peer").get(DASHBOARD).content.decode()


def test_an_old_reply_is_no_longer_news(world, journals, client_for):
    long_ago = timezone.now() - datetime.timedelta(days=REPLY_SHOWN_DAYS + 2)
    JournalReply.objects.filter(entry=journals.own_entry).update(created_at=long_ago)

    html = client_for("peer").get(DASHBOARD).content.decode()
    assert 'id="my-journal-heading"' in html and "New reply" not in html


def test_no_panel_for_a_peer_without_a_journal_program_nor_for_staff(world, client_for):
    assert 'id="my-journal-heading"' not in client_for("peer").get(DASHBOARD).content.decode()
    assert 'id="my-journal-heading"' not in client_for("coordinator").get(DASHBOARD).content.decode()
