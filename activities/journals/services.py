"""Peer journals, the write side: the coordinator's prompts, a peer's weekly entry, the reply and the follow-up of a
flagged worry. Keyword-only, ``full_clean()`` before saving, one transaction each.

What a peer may change: this week's entry only (the Monday of the school's today), and only until staff have
replied to it (a reply answers what the peer wrote; changing it afterwards would leave the reply answering words
that are gone). A worry, once flagged, stays flagged until a staff member records the follow-up: the coordinator was
already told.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.selectors import team_users
from schools.models import Student
from schools.ordering import swap_with_neighbour
from schools.services import email_queue

from ..models import JournalEntry, JournalPrompt, JournalReply
from . import selectors

# The guide's Figure 2, "Example Reflection Questions", For Peers, in a peer's words ("[name of student]" becomes
# "your partner"). The page credits the guide.
STARTER_PROMPTS = (
    "How would you describe your time in the program so far?",
    "Did you enjoy being a peer partner this week? In what ways?",
    "What went really well this week? What did not go so well?",
    "How have you benefited from being part of the program?",
    "What changes have you noticed in your partner?",
    "Do you think this has been a good experience for your partner? Why?",
    "Do you think of your partner as a friend? Why or why not?",
    "What help would you like so you can be a better peer partner?",
)


ENTRY_MAX = JournalEntry._meta.get_field("text").max_length
REPLY_MAX = JournalReply._meta.get_field("text").max_length


def _check_length(text: str, limit: int, field: str) -> None:
    """A TextField's max_length is not checked by ``full_clean()``: checked here, for every caller."""
    if len(text) > limit:
        raise ValidationError(
            {field: _("This is %(n)s characters long; the most is %(limit)s.") % {"n": len(text), "limit": limit}}
        )


def journal_prompts_ensure(*, program) -> int:
    """Give a program with journals and no prompts at all (retired ones count) the starter set; a program that has
    prompts is left as it is. Returns how many were made."""
    with transaction.atomic():
        if JournalPrompt.objects.filter(program=program).exists() or not selectors.program_has_journals(program):
            return 0
        JournalPrompt.objects.bulk_create(
            JournalPrompt(program=program, text=text, position=index) for index, text in enumerate(STARTER_PROMPTS)
        )
        return len(STARTER_PROMPTS)


def _clean_text(text: str) -> str:
    return " ".join((text or "").split())


def journal_prompt_add(*, program, text: str) -> JournalPrompt:
    with transaction.atomic():
        last = JournalPrompt.objects.filter(program=program).aggregate(last=Max("position"))["last"]
        prompt = JournalPrompt(program=program, text=_clean_text(text), position=0 if last is None else last + 1)
        prompt.full_clean()
        prompt.save()
        return prompt


def journal_prompt_edit(*, prompt: JournalPrompt, text: str) -> JournalPrompt:
    """Entries keep the words they answered (``prompt_text``), so editing a prompt changes only what comes next."""
    with transaction.atomic():
        prompt.text = _clean_text(text)
        prompt.full_clean()
        prompt.save(update_fields=["text"])
        return prompt


def journal_prompt_move(*, prompt: JournalPrompt, up: bool) -> bool:
    """Swap the prompt with its neighbour above or below; numbers the program's prompts 0, 1, 2… on the way.
    Returns whether it moved."""
    with transaction.atomic():
        prompts = list(
            JournalPrompt.objects.select_for_update().filter(program_id=prompt.program_id).order_by("position", "pk")
        )
        moved = swap_with_neighbour(prompts, prompt.pk, up=up, field="position")
        if moved is None:
            return False
        JournalPrompt.objects.bulk_update(moved, ["position"])
        return True


def journal_prompt_retire(*, prompt: JournalPrompt, offered: bool) -> JournalPrompt:
    """Retire a prompt (no longer offered; entries that used it keep its words) or offer it again."""
    with transaction.atomic():
        prompt.is_active = offered
        prompt.save(update_fields=["is_active"])
        return prompt


def journal_entry_save(
    *,
    program,
    peer,
    week: datetime.date,
    prompt: JournalPrompt | None,
    text: str,
    worry_flagged: bool,
    today: datetime.date | None = None,
) -> tuple[JournalEntry, bool]:
    """Write or change the peer's entry of this week. Refuses another week than this one, a program the peer does not
    take part in (or without journals), a prompt that is not offered in the program, and an entry already replied
    to. Flagging a worry (the first time) queues one email to the program's coordinator in this transaction, without
    a word of the journal. Returns the entry and whether the worry was flagged now. ``today`` is the school's today
    (the demo writes earlier weeks as if on those days).

    The peer's own row is locked first: two saves at once (a double tap, two tabs) wait for each other, and the
    second edits the entry the first made instead of meeting the one-entry-a-week constraint."""
    if program not in selectors.peer_journal_programs(peer=peer):
        raise ValidationError(_("You can only write a journal for a program you take part in."))
    current = selectors.week_of(today) if today is not None else selectors.this_week(program.school)
    if week != current:
        raise ValidationError(
            _("You can only write this week's journal (the week of %(week)s).") % {"week": f"{current:%B %-d}"}
        )
    if prompt is not None and (prompt.program_id != program.pk or not prompt.is_active):
        raise ValidationError({"prompt": _("Choose one of the questions on the list.")})
    with transaction.atomic():
        Student.objects.select_for_update().filter(pk=peer.pk).first()
        entry = JournalEntry.objects.select_for_update().filter(
            program=program, peer=peer, week=week
        ).first() or JournalEntry(program=program, peer=peer, week=week)
        if entry.pk and entry.replies.exists():
            raise ValidationError(
                _("A staff member has already answered this entry, so it can't be changed. Thank you for writing!")
            )
        newly_flagged = worry_flagged and not entry.worry_flagged
        entry.prompt = prompt
        entry.prompt_text = prompt.text if prompt is not None else ""
        entry.text = (text or "").replace("\r\n", "\n").strip()
        _check_length(entry.text, ENTRY_MAX, "text")
        entry.worry_flagged = entry.worry_flagged or worry_flagged
        entry.full_clean()
        entry.save()
        if newly_flagged:
            _tell_coordinator(entry)
        return entry, newly_flagged


def _tell_coordinator(entry: JournalEntry) -> None:
    """One email to the program's coordinator (or, with none, the first of its planning team with an address): that
    a peer asked for a check-in, and where to look. Not the peer's name, not the journal's words: the email leaves
    the school's system, the page does not (minimum necessary)."""
    program = entry.program
    to = next((user for user in team_users(program=program) if user.is_active and user.email), None)
    if to is None:
        return
    email_queue(
        template="activities/journals/emails/check_in",
        context={
            "first_name": to.first_name or to.get_username(),
            "program": program,
            "url": settings.SITE_URL + reverse("activities:journal_entry", kwargs={"pk": entry.pk}),
        },
        to=to.email,
        school=program.school,
        key=f"journal-check-in:{entry.pk}",
    )


def journal_reply(*, entry: JournalEntry, author, text: str, now: datetime.datetime | None = None) -> JournalReply:
    """The reply shows under the entry on the peer's journal page. The peer is not emailed: many peers are under 13.
    ``now`` dates it (the demo replies to earlier weeks as if then)."""
    with transaction.atomic():
        reply = JournalReply(entry=entry, author=author, text=(text or "").replace("\r\n", "\n").strip())
        _check_length(reply.text, REPLY_MAX, "text")
        reply.full_clean()
        reply.save()
        if now is not None:
            JournalReply.objects.filter(pk=reply.pk).update(created_at=now)
            reply.created_at = now
        return reply


def journal_follow_up(*, entry: JournalEntry, by, note: str, now: datetime.datetime | None = None) -> JournalEntry:
    """Record what was done about a flagged worry: it leaves the dashboard. Refused for an entry with no worry or
    one already followed up (the first account stays)."""
    with transaction.atomic():
        entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if not entry.worry_flagged:
            raise ValidationError(_("This entry did not ask for a staff check-in."))
        if entry.followed_up_at is not None:
            raise ValidationError(_("The check-in was already recorded."))
        entry.followed_up_at = now or timezone.now()
        entry.followed_up_by = by
        entry.follow_up_note = (note or "").strip()
        if not entry.follow_up_note:
            raise ValidationError({"follow_up_note": _("Say in a few words what was done.")})
        entry.full_clean()
        entry.save(update_fields=["followed_up_at", "followed_up_by", "follow_up_note", "updated_at"])
        return entry
