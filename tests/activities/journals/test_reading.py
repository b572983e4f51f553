"""The coordinator's reading: entries by week, open worries first with a badge, filters; the reply (shown to that
peer only, no email); the follow-up of a flagged worry (off the dashboard panel); bad input; another school's 404;
a page's queries do not grow with its entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.journals import services
from activities.models import JournalEntry, JournalReply
from schools.models import OutboxItem
from tests.activities.journals.factories import OTHER_PEER_MARKER, JournalEntryFactory, journal_program, peer_in
from tests.schools.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def journals_url(journals, query=""):
    return reverse("activities:journals", kwargs={"pk": journals.program.pk}) + query


def entry_url(entry):
    return reverse("activities:journal_entry", kwargs={"pk": entry.pk})


def test_entries_by_week_newest_first_open_worries_first(world, journals, client_for):
    week = journals.this_week
    quiet = JournalEntryFactory(program=journals.program, peer=world.peer_student, week=week, text="A quiet week aaa.")
    journals.other_entry.replies.all().delete()
    page = client_for("coordinator").get(journals_url(journals)).content.decode()

    assert page.index(f"Week of {week:%B %-d, %Y}") < page.index(
        f"Week of {week - datetime.timedelta(days=7):%B %-d, %Y}"
    )
    # Liam's open worry comes before Sofia's quiet entry in the same week (Osei after Ramirez by name).
    assert page.index(OTHER_PEER_MARKER) < page.index(quiet.text)
    assert "Asked for a check-in" in page and "Needs a reply" in page


def test_filters_by_peer_and_needs_a_reply(world, journals, client_for):
    client = client_for("coordinator")
    only_liam = client.get(journals_url(journals, f"?peer={journals.other_peer.pk}")).content.decode()
    assert OTHER_PEER_MARKER in only_liam and "tower out of blocks" not in only_liam

    JournalEntryFactory(program=journals.program, peer=world.peer_student, week=journals.this_week, text="No reply bbb")
    waiting = client.get(journals_url(journals, "?needs_reply=on")).content.decode()
    assert "No reply bbb" in waiting and "tower out of blocks" not in waiting and OTHER_PEER_MARKER not in waiting

    for forged in ("?peer=999999", f"?peer={2**70}", "?peer=abc", f"?peer={world.focus_student.pk}"):
        response = client.get(journals_url(journals, forged))
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


def test_a_reply_shows_to_that_peer_only_and_sends_no_email(world, journals, client_for, client_as):
    sofia = JournalEntryFactory(program=journals.program, peer=world.peer_student, week=journals.this_week)
    client = client_for("coordinator")
    response = client.post(entry_url(sofia), {"form": "reply", "text": "Great week, Sofia! reply-ccc"})
    assert response.status_code == 302
    assert JournalReply.objects.filter(entry=sofia, author=world.user("coordinator")).count() == 1
    assert not OutboxItem.objects.exists()

    assert "reply-ccc" in client_for("peer").get(reverse("activities:my_journal")).content.decode()
    liam_page = client_as(journals.other_peer.user).get(reverse("activities:my_journal")).content.decode()
    assert "reply-ccc" not in liam_page and "tower out of blocks" not in liam_page
    assert OTHER_PEER_MARKER in liam_page  # his own entry and reply are there


def test_a_flag_lands_on_the_dashboard_panel_and_a_follow_up_clears_it(world, journals, client_for):
    client = client_for("coordinator")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Journals asking for a staff check-in" in dashboard
    assert "Liam Osei" in dashboard and entry_url(journals.other_entry) in dashboard

    response = client.post(entry_url(journals.other_entry), {"form": "follow_up", "note": "Talked with Liam at lunch."})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(pk=journals.other_entry.pk)
    assert entry.followed_up_by == world.user("coordinator") and entry.followed_up_at is not None
    assert entry.follow_up_note == "Talked with Liam at lunch."
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Liam Osei" not in dashboard and "No peer is waiting for a check-in." in dashboard

    # A second follow-up is refused with a message; the first account stays.
    again = client.post(entry_url(entry), {"form": "follow_up", "note": "Again"}, follow=True)
    assert "The check-in was already recorded." in again.content.decode()
    entry.refresh_from_db()
    assert entry.follow_up_note == "Talked with Liam at lunch."


def test_the_panel_is_for_journal_readers_only(world, journals, client_for):
    for role in ("staff", "school_admin"):
        assert "Journals asking for a staff check-in" not in client_for(role).get(reverse("dashboard")).content.decode()


def test_the_service_email_goes_out_once_per_entry_in_the_flags_transaction(world, journals):
    sofia = world.peer_student
    services.journal_entry_save(
        program=journals.program,
        peer=sofia,
        week=journals.this_week,
        prompt=None,
        text="Worried ddd",
        worry_flagged=True,
    )
    services.journal_entry_save(
        program=journals.program,
        peer=sofia,
        week=journals.this_week,
        prompt=None,
        text="Still worried ddd",
        worry_flagged=True,
    )
    emails = OutboxItem.objects.filter(kind="email")
    assert emails.count() == 1 and "ddd" not in emails.get().body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"form": "reply", "text": ""}, "Write a reply first."),
        ({"form": "reply", "text": "y" * 3001}, "Ensure this value has at most 3000 characters"),
        ({"form": "follow_up", "note": ""}, "Say in a few words what was done."),
        ({"form": "follow_up", "note": "z" * 501}, "Ensure this value has at most 500 characters"),
    ],
)
def test_bad_replies_and_follow_ups_are_refused_and_nothing_saved(world, journals, client_for, data, message):
    entry = journals.other_entry
    before = entry.replies.count()
    response = client_for("coordinator").post(entry_url(entry), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert entry.replies.count() == before
    entry.refresh_from_db()
    assert entry.followed_up_at is None


def test_a_follow_up_of_an_entry_without_a_worry_is_refused(world, journals, client_for):
    response = client_for("coordinator").post(
        entry_url(journals.own_entry), {"form": "follow_up", "note": "x"}, follow=True
    )
    assert "did not ask for a staff check-in" in response.content.decode()
    assert JournalEntry.objects.get(pk=journals.own_entry.pk).followed_up_at is None


def test_staff_without_the_permission_403_another_school_404(world, journals, client_for):
    for role in ("staff", "school_admin", "district_admin", "focus_student", "peer"):
        client = client_for(role)
        assert client.get(journals_url(journals)).status_code == 403
        assert client.get(entry_url(journals.other_entry)).status_code == 403
    other = client_for("other_coordinator")
    assert other.get(journals_url(journals)).status_code == 404
    assert other.get(entry_url(journals.other_entry)).status_code == 404
    assert other.post(entry_url(journals.other_entry), {"form": "reply", "text": "x"}).status_code == 404
    assert not JournalReply.objects.filter(text="x").exists()


def test_a_special_educator_reads_journals_but_does_not_edit_prompts(world, journals, client_as):
    special = MembershipFactory(school=world.school, role="special_educator", user=UserFactory()).user
    client = client_as(special)
    assert client.get(journals_url(journals)).status_code == 200
    assert client.get(reverse("activities:journal_prompts", kwargs={"pk": journals.program.pk})).status_code == 403


def test_the_reading_page_and_panel_queries_do_not_grow_with_entries(world, journals, client_for):
    client = client_for("coordinator")
    client.get(journals_url(journals))  # warm the session and the prompts
    with CaptureQueriesContext(connection) as few:
        client.get(journals_url(journals))
        client.get(reverse("dashboard"))
        client.get(reverse("activities:journal_index"))
    for n in range(12):
        peer = peer_in(journals.program, first_name=f"Peer{n}")
        for weeks in range(3):
            entry = JournalEntryFactory(
                program=journals.program,
                peer=peer,
                week=journals.this_week - datetime.timedelta(weeks=weeks),
                worry_flagged=n % 3 == 0,
            )
            if weeks:
                services.journal_reply(entry=entry, author=world.user("coordinator"), text="Thanks")
    with CaptureQueriesContext(connection) as many:
        client.get(journals_url(journals))
        client.get(reverse("dashboard"))
        client.get(reverse("activities:journal_index"))
    assert len(many) == len(few)


def test_the_index_lists_this_schools_journal_programs(world, journals, client_for):
    journal_program(world.other_school, name="Putnam course")
    page = client_for("coordinator").get(reverse("activities:journal_index")).content.decode()
    assert "Peer Period" in page and "Putnam course" not in page
    assert "1 check-in asked for" in page
