"""A peer's own journal: write this week's entry, change it until staff reply, flag a worry (one email to the
coordinator, without the journal's words), choose the program; never another peer's entries; bad input refused with
a clear message and nothing saved."""

import datetime

import pytest
from django.urls import reverse

from activities.journals import services
from activities.models import JournalEntry, JournalPrompt
from schools.models import OutboxItem
from tests.activities.journals.factories import OTHER_PEER_MARKER, journal_program, peer_in

pytestmark = pytest.mark.django_db

URL = reverse("activities:my_journal")


def post(client, journals, **fields):
    data = {"week": journals.this_week.isoformat(), "prompt": "", "text": "", **fields}
    return client.post(URL, data)


def sofia_this_week(journals, world):
    return JournalEntry.objects.filter(program=journals.program, peer=world.peer_student, week=journals.this_week)


def test_the_page_is_phone_and_voice_friendly_and_tells_the_limit(world, journals, client_for):
    page = client_for("peer").get(URL).content.decode()
    assert 'maxlength="5000"' in page
    assert 'spellcheck="true"' in page and 'autocomplete="off"' in page
    assert "Up to 5,000 characters" in page
    assert "Anything you want to write" in page
    assert "would like a staff member to check in with me" in page
    # The guide's starter prompts are offered; last week's entry and its reply are below.
    assert "How would you describe your time in the program so far?" in page
    assert "we built a tower out of blocks" in page and "that tower sounds amazing" in page


def test_a_peer_writes_then_changes_this_weeks_entry(world, journals, client_for):
    client = client_for("peer")
    prompt = JournalPrompt.objects.filter(program=journals.program, is_active=True).order_by("position")[1]

    response = post(client, journals, prompt=prompt.pk, text="We read a book about sharks.")
    assert response.status_code == 302
    entry = sofia_this_week(journals, world).get()
    assert entry.text == "We read a book about sharks." and entry.prompt == prompt and entry.prompt_text == prompt.text

    post(client, journals, text="We read a book about whales, not sharks.")
    entry.refresh_from_db()
    assert entry.text == "We read a book about whales, not sharks." and entry.prompt is None
    assert sofia_this_week(journals, world).count() == 1
    assert not OutboxItem.objects.exists()


def test_once_staff_replied_the_entry_is_locked(world, journals, client_for):
    client = client_for("peer")
    post(client, journals, text="First words.")
    entry = sofia_this_week(journals, world).get()
    services.journal_reply(entry=entry, author=world.user("coordinator"), text="Thanks!")

    page = client.get(URL).content.decode()
    assert "answered this entry, so it can" in page and "Save my journal" not in page
    response = client.post(URL, {"week": journals.this_week.isoformat(), "text": "Changed words."}, follow=True)
    assert "already answered this entry" in response.content.decode()
    entry.refresh_from_db()
    assert entry.text == "First words."


def test_flagging_a_worry_queues_one_email_to_the_coordinator_without_the_journal(world, journals, client_for):
    client = client_for("peer")
    words = "My partner was upset and cried after the bus ride zebra42."
    response = post(client, journals, text=words, worry_flagged="on")
    assert response.status_code == 302
    entry = sofia_this_week(journals, world).get()
    assert entry.needs_follow_up

    emails = OutboxItem.objects.filter(kind="email")
    assert emails.count() == 1
    email = emails.get()
    assert email.to == [world.user("coordinator").email]
    assert "zebra42" not in email.body + email.subject and "upset" not in email.body
    assert "Sofia" not in email.body + email.subject and "Ramirez" not in email.body
    assert f"/activities/journals/entries/{entry.pk}/" in email.body

    # Saving again (still flagged: the box stays ticked and cannot be unticked) queues nothing more.
    post(client, journals, text=words + " It got better.", worry_flagged="on")
    post(client, journals, text=words + " Much better.")
    entry.refresh_from_db()
    assert entry.worry_flagged and entry.text.endswith("Much better.")
    assert OutboxItem.objects.filter(kind="email").count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Write something first."),
        ({"text": "   \n  "}, "Write something first."),
        ({"text": "x" * 6000}, "the most is 5000 characters and you have 6000"),
        ({"text": "Hello", "prompt": "999999"}, "Choose one of the questions on the list."),
        ({"text": "Hello", "prompt": "2" + "0" * 25}, "Choose one of the questions on the list."),
        ({"text": "Hello", "prompt": "words"}, "Choose one of the questions on the list."),
        ({"text": "Hello", "week": "2001-01-01"}, "A new week has started since you opened this page"),
        ({"text": "Hello", "week": "not a date"}, "A new week has started since you opened this page"),
        ({"text": "Hello", "week": ""}, "A new week has started since you opened this page"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(world, journals, client_for, fields, message):
    response = post(client_for("peer"), journals, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not sofia_this_week(journals, world).exists()
    assert not OutboxItem.objects.exists()


def test_a_prompt_of_another_program_or_retired_is_refused(world, journals, client_for):
    other = journal_program(world.school, name="Another course")
    services.journal_prompts_ensure(program=other)
    foreign = JournalPrompt.objects.filter(program=other).first()
    retired = JournalPrompt.objects.filter(program=journals.program).last()
    services.journal_prompt_retire(prompt=retired, offered=False)
    client = client_for("peer")
    for prompt in (foreign, retired):
        response = post(client, journals, text="Hello", prompt=prompt.pk)
        assert "Choose one of the questions on the list." in response.content.decode()
    assert not sofia_this_week(journals, world).exists()


def test_the_service_refuses_another_week_and_a_program_the_peer_is_not_in(world, journals):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.journal_entry_save(
            program=journals.program,
            peer=world.peer_student,
            week=journals.this_week - datetime.timedelta(days=7),
            prompt=None,
            text="Late",
            worry_flagged=False,
        )
    other = journal_program(world.school, name="Not mine")
    with pytest.raises(ValidationError):
        services.journal_entry_save(
            program=other,
            peer=world.peer_student,
            week=journals.this_week,
            prompt=None,
            text="Hi",
            worry_flagged=False,
        )
    assert not JournalEntry.objects.filter(text__in=["Late", "Hi"]).exists()


def test_a_peer_in_two_journal_programs_picks_one_and_a_forged_program_is_a_404(world, journals, client_for):
    second = journal_program(world.school, name="Lunch course")
    peer_in(second, world.peer_student)
    client = client_for("peer")
    page = client.get(URL).content.decode()
    assert "Lunch course" in page and "Peer Period" in page

    response = client.post(
        f"{URL}?program={second.pk}", {"week": journals.this_week.isoformat(), "text": "In the second program."}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?program={second.pk}")
    assert JournalEntry.objects.get(text="In the second program.").program == second

    not_mine = journal_program(world.school, name="Not mine")
    other_school = journal_program(world.other_school, name="Putnam course")
    for program_id in (not_mine.pk, other_school.pk, 2**70, "x"):
        assert client.get(f"{URL}?program={program_id}").status_code == 404
        assert client.post(f"{URL}?program={program_id}", {"text": "x"}).status_code == 404
    assert not JournalEntry.objects.filter(program__in=[not_mine, other_school]).exists()


def test_a_peer_sees_only_their_own_entries_and_replies(world, journals, client_for):
    client = client_for("peer")
    page = client.get(URL).content.decode()
    assert OTHER_PEER_MARKER not in page and "Liam" not in page
    own = client.get(reverse("activities:my_journal_entry", kwargs={"pk": journals.own_entry.pk}))
    assert own.status_code == 200 and "that tower sounds amazing" in own.content.decode()
    # Liam's entry by id: 404 (the lookup starts from Sofia's own record).
    assert client.get(reverse("activities:my_journal_entry", kwargs={"pk": journals.other_entry.pk})).status_code == 404
    assert client.get(reverse("activities:journal_entry", kwargs={"pk": journals.other_entry.pk})).status_code == 403


def test_a_peer_without_a_journal_program_is_told_plainly(world, client_for):
    page = client_for("peer").get(URL).content.decode()
    assert "You don't have a journal yet." in page
    assert client_for("peer").post(URL, {"text": "x"}).status_code == 404


def test_line_breaks_count_once_as_the_page_counts_them(world, journals, client_for):
    """The textarea allows 5,000 characters counting a line break as one; the browser sends it as two (CR LF)."""
    lines = ["Today we played a game."] * 205
    text = "\r\n".join(lines)
    assert len(text.replace("\r\n", "\n")) <= 5000 < len(text)

    response = post(client_for("peer"), journals, text=text)

    assert response.status_code == 302
    assert sofia_this_week(journals, world).get().text == "\n".join(lines)
