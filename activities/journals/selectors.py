"""Peer journals, the read side. Every query is scoped: staff reach entries through ``.visible_to(access)`` and a
program they resolved the same way; a peer reaches only the entries whose ``peer`` is their own record.

Which programs have journals (``program_has_journals`` / ``journal_programs``): the guide names weekly journals in
one model only, peers spending "one period each day with students in special education classrooms" (the
daily-period model). So a program has journals when

- its form is the peer support course (``Program.Form.COURSE``: "peers spend a period each day with their
  schoolmates") or both a club and that course (``BOTH``: it has the course), or
- it holds an activity of kind ``Kind.SPECIAL_EDUCATION_PERIOD`` (a cancelled one counts too: the journals written
  while it ran stay readable).

A club alone (``CLUB``) with no classroom period has none. A program's status does not matter for reading (an ended
program's journals stay readable by staff); a peer writes only in a program they take part in now.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, When

from programs.selectors import active_participants, program_queryset, school_programs
from schools.dates import school_today
from schools.models import Student
from schools.selectors import own_student_record

from ..models import Activity, JournalEntry, JournalPrompt, JournalReply, Kind

JOURNAL_FORMS = ("course", "both")  # programs.models.Program.Form.COURSE and .BOTH (read by value: no model import)


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the week holding ``day`` (a journal's week)."""
    return day - datetime.timedelta(days=day.weekday())


def this_week(school) -> datetime.date:
    return week_of(school_today(school))


def _with_journals(programs):
    period = Activity.objects.filter(program=OuterRef("pk"), kind=Kind.SPECIAL_EDUCATION_PERIOD)
    return programs.filter(Q(form__in=JOURNAL_FORMS) | Exists(period))


def journal_programs(*, school):
    """The school's programs that have journals (see the module's docstring), by name."""
    return _with_journals(school_programs(school=school)).order_by("name")


def journal_program_queryset(*, access):
    """For a view resolving a program by id: the active school's programs with journals (any other is a 404)."""
    return _with_journals(program_queryset(access=access))


def program_has_journals(program) -> bool:
    return journal_programs(school=program.school).filter(pk=program.pk).exists()


# --- A peer's own journal --------------------------------------------------------------------------------------


def peer_journal_programs(*, peer) -> list:
    """The programs with journals the peer takes part in now (one query per program of the school with journals,
    a handful)."""
    if peer is None or peer.kind != Student.Kind.PEER:
        return []
    return [
        program
        for program in journal_programs(school=peer.school)
        if active_participants(program=program, kind=Student.Kind.PEER).filter(pk=peer.pk).exists()
    ]


def offered_prompts(*, program):
    return JournalPrompt.objects.filter(program=program, is_active=True).order_by("position", "pk")


def own_entries(*, peer, program):
    """The peer's own entries in the program, newest week first, with the replies (two queries)."""
    return (
        JournalEntry.objects.filter(peer=peer, program=program)
        .prefetch_related(Prefetch("replies", queryset=JournalReply.objects.select_related("author")))
        .order_by("-week")
    )


def own_entry(*, peer, program, week):
    return own_entries(peer=peer, program=program).filter(week=week).first()


# --- Staff: reading, replying, following up --------------------------------------------------------------------


def entry_queryset(*, access):
    """Entries of the active school's programs, for a view resolving one by id (another school's is a 404)."""
    return JournalEntry.objects.visible_to(access).select_related("program", "peer", "followed_up_by")


@dataclass
class JournalWeek:
    week: datetime.date
    entries: list


def program_entries(*, program, peer_id: int | None = None, needs_reply: bool = False):
    """A program's entries, newest week first; in a week, the open worries first. Two queries whatever the number
    (the entries with their peer, and a count of replies)."""
    entries = (
        JournalEntry.objects.filter(program=program)
        .select_related("peer", "followed_up_by")
        .annotate(reply_count=Count("replies"))
    )
    if peer_id is not None:
        entries = entries.filter(peer_id=peer_id)
    if needs_reply:
        entries = entries.filter(reply_count=0)
    open_worry = Case(When(worry_flagged=True, followed_up_at=None, then=1), default=0, output_field=IntegerField())
    return entries.annotate(open_worry=open_worry).order_by(
        "-week", "-open_worry", "peer__last_name", "peer__first_name", "pk"
    )


def by_week(entries) -> list[JournalWeek]:
    weeks: list[JournalWeek] = []
    for entry in entries:
        if not weeks or weeks[-1].week != entry.week:
            weeks.append(JournalWeek(week=entry.week, entries=[]))
        weeks[-1].entries.append(entry)
    return weeks


def program_journal_peers(*, program):
    """The peers who wrote in the program (the filter's choices), by name."""
    return Student.objects.filter(journal_entries__program=program).distinct().order_by("last_name", "first_name", "pk")


def entry_replies(*, entry):
    return JournalReply.objects.filter(entry=entry).select_related("author").order_by("created_at", "pk")


def open_worries(*, access, limit: int = 20):
    """Entries whose peer asked for a staff check-in that nobody has followed up yet, oldest week first."""
    return (
        JournalEntry.objects.visible_to(access)
        .filter(worry_flagged=True, followed_up_at=None)
        .select_related("peer", "program")
        .order_by("week", "pk")[:limit]
    )


def worries_panel(access) -> dict:
    """The dashboard panel "Journals asking for a staff check-in" (one query)."""
    if access.school is None:
        return {"worries": []}
    return {"worries": list(open_worries(access=access))}


def journal_index(*, access) -> list:
    """The active school's programs with journals, each with its open worries and entries waiting for a reply (two
    queries)."""
    if access.school is None:
        return []
    no_reply = ~Exists(JournalReply.objects.filter(entry=OuterRef("pk")))
    programs = journal_programs(school=access.school).annotate(
        open_worries=Count(
            "journal_entries",
            filter=Q(journal_entries__worry_flagged=True, journal_entries__followed_up_at=None),
            distinct=True,
        ),
        entries=Count("journal_entries", distinct=True),
    )
    waiting = dict(
        JournalEntry.objects.filter(program__in=programs.values("pk"))
        .filter(no_reply)
        .values_list("program_id")
        .annotate(n=Count("pk"))
    )
    result = list(programs)
    for program in result:
        program.waiting = waiting.get(program.pk, 0)
    return result


def own_entry_by_id(*, peer, pk: int):
    """One of the peer's own entries (None for anyone else's, whatever the id)."""
    if peer is None:
        return None
    return (
        JournalEntry.objects.filter(peer=peer, program__school_id=peer.school_id, pk=pk)
        .select_related("program")
        .prefetch_related(Prefetch("replies", queryset=JournalReply.objects.select_related("author")))
        .first()
    )


# How long a staff reply shows on the peer's dashboard as new: a week, the journal's rhythm (every reply stays on
# their journal page).
REPLY_SHOWN_DAYS = 7


def own_journal_panel(access) -> dict:
    """The peer's dashboard panel "My journal": for each program with journals they take part in, whether this
    week's entry is written, and the staff replies of the last week (no read receipts: a reply is news for
    ``REPLY_SHOWN_DAYS``). Empty for a peer without a journal program, so the panel does not show."""
    peer = own_student_record(access=access)
    programs = peer_journal_programs(peer=peer)
    if not programs:
        return {"journals": []}
    week = this_week(peer.school)
    written = set(
        JournalEntry.objects.filter(peer=peer, program__in=programs, week=week).values_list("program_id", flat=True)
    )
    since = school_today(peer.school) - datetime.timedelta(days=REPLY_SHOWN_DAYS)
    replies = list(
        JournalReply.objects.filter(entry__peer=peer, entry__program__in=programs, created_at__date__gte=since)
        .select_related("entry", "author")
        .order_by("-created_at")
    )
    return {
        "journals": [
            {
                "program": program,
                "written": program.pk in written,
                "replies": [reply for reply in replies if reply.entry.program_id == program.pk],
                "several": len(programs) > 1,
            }
            for program in programs
        ],
        "week": week,
    }
