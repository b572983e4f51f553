"""Everything held about a student includes what shared activities hold (their journal, for a peer), and anonymising
the student erases their words (the journal and the replies to it) while the weeks written stay counted."""

import pytest

from activities.models import JournalEntry, JournalReply
from schools.privacy.bundle import collect
from schools.privacy.retention import student_anonymise
from tests.activities.journals.factories import east_journals

pytestmark = pytest.mark.django_db


def test_a_peers_journal_is_in_their_record_and_erased_with_them(world):
    journals = east_journals(world)
    collected = {section["name"]: section for section in collect(world.peer_student)}
    assert "we built a tower out of blocks" in str(collected["journal_entries"]["rows"])

    student_anonymise(student=world.peer_student, reason="Retention")
    entry = JournalEntry.objects.get(pk=journals.own_entry.pk)
    assert entry.text == "" and entry.week == journals.own_entry.week
    assert JournalReply.objects.get(entry=entry).text == ""
    # Another peer's journal is untouched.
    assert JournalEntry.objects.get(pk=journals.other_entry.pk).text
