"""Demo peer journals for seed_demo, through the same services the pages use (after the scheduling and attendance
demos, so every program of the daily-period model, East's "Peer to Peer" course among them, is known):

- each program with journals gets the guide's starter prompts;
- three of its peers wrote over the last three weeks, in their own words (each entry written as if on the Friday
  of its week), and one of them this week; the coordinator replied to most;
- one earlier worry ("my partner was upset") was followed up by the coordinator; one this week is still open, so
  the coordinator's dashboard shows it.

Idempotent: a program that already has entries is left as it is.
"""

import datetime

from django.utils import timezone

from programs.selectors import active_participants, team_users
from recruitment.selectors import confirmed_pairs
from schools.dates import school_today, school_zone
from schools.models import School, Student

from ..models import JournalEntry, JournalPrompt
from . import selectors, services

# (weeks ago, which peer, which prompt (None: anything), the words, flags a worry, the coordinator's reply)
# "{partner}" is the peer's partner's first name. No two the same; written the way 10–14 year olds write.
ENTRIES = (
    (
        3,
        0,
        0,
        "So far its been really fun. I was nervous the first day because I didnt know what to say to {partner} but "
        "we ended up doing a puzzle and {partner} showed me where all the edge pieces go. Super fast at puzzles!!",
        False,
        "I love that {partner} was the one teaching you on day one. That is exactly how it should go!",
    ),
    (
        3,
        1,
        None,
        "Today we did the sorting game with the picture cards. {partner} kept giving me the wrong ones on purpose "
        "and laughing. I think it was a joke?? I laughed too and then {partner} did it even more lol",
        False,
        "He was joking with you! Sharing a joke is a big step. Keep laughing along.",
    ),
    (
        2,
        0,
        2,
        "Going well: reading time, {partner} pointed at the words with me. Not so well: on Wednesday "
        "{partner} got really "
        "upset when the fire drill went off and covered both ears and cried and I didnt know what to do. I just "
        "stood there. Is {partner} ok?",
        True,
        "Thank you for telling me. Fire drills are very loud for {partner}. Next time you can walk together "
        "with the teacher to the quiet spot outside. You did nothing wrong by waiting.",
    ),
    (
        2,
        2,
        4,
        "{partner} talks more now. At the start it was only yes or no but now I hear about Pepper the dog "
        "every single day. Pepper ate a sock this week.",
        False,
        "Poor Pepper! It is wonderful that {partner} has a story to tell you every day.",
    ),
    (
        1,
        0,
        3,
        "I think I got more patient. My little brother is annoying and I used to yell at him but now I kind of "
        "wait and explain stuff slower like I do with {partner}. My mom noticed.",
        False,
        "That is a real change, and your mom noticing it says a lot. Thank you for sharing it.",
    ),
    (
        1,
        1,
        6,
        "Yes I think {partner} is my friend. {partner} saved me a seat at lunch on Thursday even though it wasnt a "
        "peer day. Some kids at my table asked why and I said because we're friends.",
        False,
        "Saving you a seat is a friend thing to do. I'm proud of how you answered the kids at your table.",
    ),
    (
        1,
        2,
        7,
        "I would like to learn some of the signs {partner} uses. Sometimes {partner} signs something and I "
        "have to wait "
        "for the teacher to tell me what it means. Could we get a sheet of them?",
        False,
        None,
    ),
    (
        0,
        1,
        None,
        "Something happened at recess. Some 5th graders were copying the noises {partner} makes and "
        "{partner} got really "
        "upset and hit the fence. I told them to stop but they didnt. I dont want to get anyone in trouble but it "
        "made me feel bad.",
        True,
        None,
    ),
    (
        0,
        2,
        1,
        "Yes!! Best part this week was art. We made a collage of animals and {partner} picked all the cats. We are "
        "going to hang it by the door.",
        False,
        None,
    ),
)
FOLLOW_UP = (
    "Talked with the peer on Thursday. Showed them the quiet spot and added a fire-drill plan to the peer notes."
)


def seed(*, password: str) -> str:
    written = 0
    for program in _journal_programs():
        if JournalEntry.objects.filter(program=program).exists():
            continue
        services.journal_prompts_ensure(program=program)
        written += _journals(program)
    return f"{written} journal entries" if written else ""


def _journal_programs():
    for school in School.objects.order_by("pk"):
        yield from selectors.journal_programs(school=school)


def _journals(program) -> int:
    coordinator = next(iter(team_users(program=program)), None)
    partners = {pair.peer_id: pair.focus_student for pair in confirmed_pairs(program=program).order_by("pk")}
    taking_part = list(active_participants(program=program, kind=Student.Kind.PEER))
    # Peers with a sign-in first (the demo's peer account sees their own journal), then peers with a partner (their
    # journals are about someone). The demo's other peers have no sign-in: their entries stand for what they wrote.
    peers = sorted(taking_part, key=lambda p: (p.user_id is None, p.pk not in partners))[:3]
    if coordinator is None or len(peers) < 3:
        return 0
    prompts = list(JournalPrompt.objects.filter(program=program, is_active=True).order_by("position", "pk"))
    today = school_today(program.school)
    this_week = selectors.week_of(today)
    written = 0
    for weeks_ago, which, prompt_index, words, worry, reply in ENTRIES:
        peer = peers[which]
        partner = partners.get(peer.pk)
        name = partner.short_name if partner is not None and not partner.directory_opt_out else "my partner"
        week = this_week - datetime.timedelta(weeks=weeks_ago)
        # Written on the Friday of its week (this week: today, whatever day it is).
        day = min(today, week + datetime.timedelta(days=4)) if weeks_ago else today
        entry, _flagged = services.journal_entry_save(
            program=program,
            peer=peer,
            week=week,
            prompt=prompts[prompt_index] if prompt_index is not None and prompt_index < len(prompts) else None,
            text=words.format(partner=name),
            worry_flagged=worry,
            today=day,
        )
        written += 1
        if reply:
            # Answered the day after it was written, after school (this week's: now at the latest).
            replied = datetime.datetime.combine(
                day + datetime.timedelta(days=1), datetime.time(15, 30), tzinfo=school_zone(program.school)
            )
            services.journal_reply(
                entry=entry, author=coordinator, text=reply.format(partner=name), now=min(replied, timezone.now())
            )
        if worry and weeks_ago:
            services.journal_follow_up(
                entry=entry,
                by=coordinator,
                note=FOLLOW_UP,
                now=timezone.now() - datetime.timedelta(weeks=weeks_ago) + datetime.timedelta(days=1),
            )
    return written
