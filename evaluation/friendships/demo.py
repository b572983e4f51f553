"""The demo's friendships: in East's "Peer to Peer", the students of the confirmed pairs (Noah, Elijah, Ava and their
peers) name each other in the two survey windows the surveys seeder made, "Start of the year" and mid-term.

At the start, one peer already calls their partner a friend (one way) and the partners spent time together in
school; by mid-term every pair names each other as friends (mutual), the first pair also out of school, and two of
the peers met each other. The first pair's focus student answers with support, the second's by a proxy, so the map
shows them apart. Without those windows (the surveys seeder not run) nothing is made. Replaying it replaces each
student's list, so it is the same after a second run.
"""

from collections import defaultdict

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors

from ..models import AnsweredHow, SurveyWindow, WindowKind
from . import services

SCHOOL, PROGRAM = "east-elementary", "Peer to Peer"
FOCUS_STUDENTS = ("Noah", "Elijah", "Ava")
START_NAME = "Start of the year"


def seed(*, password: str) -> str:
    windows = SurveyWindow.objects.filter(
        program__school__slug=SCHOOL, program__name=PROGRAM, asks_contacts=True
    ).select_related("program", "term")
    start = windows.filter(kind=WindowKind.OTHER).order_by("opens_on", "pk").first()
    mid = windows.filter(kind=WindowKind.MID_TERM).order_by("opens_on", "pk").first()
    if start is None or mid is None:
        return ""
    count = seed_windows(start=start, mid=mid)
    return f"{count} friendship nominations" if count else ""


def demo_pairs(window) -> list:
    """One confirmed pair for each of up to three focus students whose students both take part: Noah's, Elijah's and
    Ava's first when there. Pairs of the window's term, or of any term when the window has none of its own."""
    taking_part = set(program_selectors.active_participants(program=window.program).values_list("pk", flat=True))
    pairs = []
    for term in (window.term, None):
        pairs = [
            m
            for m in recruitment_selectors.confirmed_pairs(program=window.program, term=term).order_by("pk")
            if m.peer_id in taking_part and m.focus_student_id in taking_part
        ]
        if pairs:
            break

    def rank(match):
        name = match.focus_student.first_name
        return (FOCUS_STUDENTS.index(name) if name in FOCUS_STUDENTS else len(FOCUS_STUDENTS), match.pk)

    chosen, focus_students = [], set()
    for match in sorted(pairs, key=rank):
        if match.focus_student_id not in focus_students:
            focus_students.add(match.focus_student_id)
            chosen.append(match)
    return chosen[:3]


def seed_windows(*, start, mid) -> int:
    pairs = demo_pairs(mid)
    if not pairs:
        return 0
    how = {}
    for index, pair in enumerate(pairs):
        answered = {0: AnsweredHow.WITH_SUPPORT, 1: AnsweredHow.PROXY}.get(index, AnsweredHow.ALONE)
        how.setdefault(pair.focus_student_id, answered)
        how.setdefault(pair.peer_id, AnsweredHow.ALONE)
    lists = {start: defaultdict(lambda: defaultdict(set)), mid: defaultdict(lambda: defaultdict(set))}
    for index, pair in enumerate(pairs):
        peer, focus = pair.peer_id, pair.focus_student_id
        # Start of the year: time together in school; the first peer already calls their partner a friend.
        lists[start][peer]["in_school"].add(focus)
        lists[start][focus]["in_school"].add(peer)
        if index == 0:
            lists[start][peer]["friend"].add(focus)
        # Mid-term: friends both ways; the first pair also out of school.
        for a, b in ((peer, focus), (focus, peer)):
            lists[mid][a]["in_school"].add(b)
            lists[mid][a]["friend"].add(b)
            if index == 0:
                lists[mid][a]["out_of_school"].add(b)
    if len(pairs) > 1 and pairs[0].peer_id != pairs[1].peer_id:
        lists[mid][pairs[0].peer_id]["in_school"].add(pairs[1].peer_id)  # two peers who met through the program
    count = 0
    for window, by_student in lists.items():
        for nominator_id, named in sorted(by_student.items()):
            nominator = next(
                p.peer if p.peer_id == nominator_id else p.focus_student
                for p in pairs
                if nominator_id in (p.peer_id, p.focus_student_id)
            )
            count += services.nominations_replace(
                window=window,
                nominator=nominator,
                in_school=named["in_school"],
                out_of_school=named["out_of_school"],
                friend=named["friend"],
                answered_how=how[nominator_id],
            )
    return count
