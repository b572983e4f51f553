"""The read side of social contacts and friendships.

- The contacts page: the survey response it belongs to (the respondent's own, or a focus student's for the staff who
  support their answers), and who the respondent may name, confirmed partners first, with peer-safe names.
- The friendship map: the program's windows that ask about contacts, and one window's network (``network.py``) with
  the previous window's (new contacts) and, at a follow-up, the earlier window's (what lasted), in a fixed number of
  queries whatever the number of nominations.
- A student's friendships over the windows (their student page).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from programs import selectors as program_selectors
from recruitment import selectors as recruitment_selectors
from schools.models import Role, Student
from schools.peer_safe import shared_name
from schools.permissions import can_view_sensitive, has_permission

from ..models import ContactNomination, SurveyResponse, SurveyWindow, WindowKind
from . import drawing, network

FOLLOW_UPS = (WindowKind.FOLLOW_UP_1, WindowKind.FOLLOW_UP_2)

# --- The contacts page ----------------------------------------------------------------------------------------------


def may_name_contacts(access, response) -> bool:
    """The response's own student (signed in), or - for a focus student - the staff who support their answers: the
    coordinator, or staff who may see the student's confidential record (their support team, school-wide roles)."""
    student = response.student
    if student.user_id is not None and student.user_id == access.user.pk:
        return True
    if not student.is_focus_student or not has_permission(access, "support_student_answers"):
        return False
    return access.has_role(Role.COORDINATOR) or can_view_sensitive(access, student)


def contacts_response(*, access, pk):
    """The survey response whose student names their contacts: of the active school, in a window that asks about
    contacts, and one this person may answer; anything else is a 404 (never a hint that it exists)."""
    queryset = (
        SurveyResponse.objects.visible_to(access)
        .filter(window__asks_contacts=True, student__isnull=False)
        .select_related("window", "student", "program__school")
    )
    response = get_object_or_404(queryset, pk=pk)
    if not may_name_contacts(access, response):
        raise Http404
    return response


@dataclass(frozen=True)
class Candidate:
    student: Student
    label: str  # what the respondent sees: the peer-safe name
    is_partner: bool


def contact_candidates(*, response) -> list[Candidate]:
    """Who the respondent may name: the program's other active participants of the other side. A focus student names
    peers (the outcome the research follows is contact with peers; a shorter list is also easier to answer with
    symbols or support); a peer names focus students and other peers (peers who met through the program count too).
    Confirmed partners of the window's term come first. Names are peer-safe: a directory opt-out is "Your partner"
    for a partner and a numbered neutral label for anyone else, never the name."""
    nominator = response.student
    program, window = response.program, response.window
    students = program_selectors.active_participants(program=program).exclude(pk=nominator.pk)
    if nominator.is_focus_student:
        students = students.filter(kind=Student.Kind.PEER)
    pairs = recruitment_selectors.confirmed_pairs(program=program, term=window.term)
    partner_ids = {
        m.peer_id if nominator.is_focus_student else m.focus_student_id
        for m in pairs
        if nominator.pk in (m.peer_id, m.focus_student_id)
    }
    ordered = sorted(students, key=lambda s: (s.pk not in partner_ids, s.short_name.lower(), s.last_name.lower(), s.pk))
    labels = _distinct(
        ordered,
        [
            shared_name(s, hidden_as=_("Your partner") if s.pk in partner_ids else _("A student in the program"))
            for s in ordered
        ],
    )
    return [
        Candidate(student=s, label=label, is_partner=s.pk in partner_ids)
        for s, label in zip(ordered, labels, strict=True)
    ]


def _distinct(students, labels) -> list[str]:
    """Two people with one label are told apart: a last initial for a shared first name, a number for a hidden one."""
    counts = Counter(labels)
    seen: Counter = Counter()
    result = []
    for student, label in zip(students, labels, strict=True):
        if counts[label] > 1:
            seen[label] += 1
            if student.directory_opt_out:
                label = f"{label} {seen[label]}"
            elif student.last_name:
                label = f"{label} {student.last_name[0]}."
        result.append(label)
    return result


def own_nominations(*, response) -> dict[int, ContactNomination]:
    nominations = ContactNomination.objects.filter(window=response.window, nominator=response.student)
    return {n.nominee_id: n for n in nominations}


# --- The friendship map ---------------------------------------------------------------------------------------------


def map_program_queryset(*, access):
    return program_selectors.program_queryset(access=access)


def friendship_programs(*, access) -> list:
    """The active school's programs, each with ``contact_windows`` (newest first)."""
    windows = SurveyWindow.objects.filter(asks_contacts=True).order_by("-opens_on", "pk")
    programs = map_program_queryset(access=access).prefetch_related(
        Prefetch("survey_windows", queryset=windows, to_attr="contact_windows")
    )
    return list(programs.order_by("name", "pk"))


def contact_windows(*, program) -> list[SurveyWindow]:
    """The program's windows that ask about contacts, oldest first."""
    return list(SurveyWindow.objects.filter(program=program, asks_contacts=True).order_by("opens_on", "pk"))


def default_window(windows: list[SurveyWindow], today) -> SurveyWindow | None:
    """The latest window that has opened (else the first)."""
    opened = [w for w in windows if w.opens_on <= today]
    return opened[-1] if opened else (windows[0] if windows else None)


def previous_window(windows: list[SurveyWindow], window: SurveyWindow) -> SurveyWindow | None:
    index = windows.index(window)
    return windows[index - 1] if index > 0 else None


def baseline_window(windows: list[SurveyWindow], window: SurveyWindow) -> SurveyWindow | None:
    """At a follow-up: the last window before it that was not a follow-up (the program's own last round), whose
    friendships and contacts the follow-up looks for again."""
    if window.kind not in FOLLOW_UPS:
        return None
    earlier = [w for w in windows[: windows.index(window)] if w.kind not in FOLLOW_UPS]
    return earlier[-1] if earlier else None


def _nominations_by_window(window_ids) -> dict[int, list[network.Nomination]]:
    rows = ContactNomination.objects.filter(window_id__in=window_ids).values_list(
        "window_id", "nominator_id", "nominee_id", "in_school", "out_of_school", "friend", "answered_how"
    )
    by_window: dict[int, list[network.Nomination]] = {pk: [] for pk in window_ids}
    for window_id, *values in rows:
        by_window[window_id].append(network.Nomination(*values))
    return by_window


@dataclass
class StudentRow:
    student: Student
    friends_named: list[Student] = field(default_factory=list)
    spent_time_with: list[Student] = field(default_factory=list)
    named_by: list[Student] = field(default_factory=list)
    mutual: list[Student] = field(default_factory=list)


@dataclass
class FriendshipMap:
    window: SurveyWindow
    previous: SurveyWindow | None
    baseline: SurveyWindow | None
    net: network.WindowNetwork
    students: dict[int, Student]
    rows: list[StudentRow]
    picture: drawing.Picture
    new_contacts: network.Split
    new_mutual: network.Split
    lasted: network.Lasted | None
    lasted_mutual: network.Split | None
    lasted_contacts: network.Split | None

    @property
    def figures(self) -> list[tuple[str, network.Split]]:
        """The map's counts, each split by how it was answered."""
        net = self.net
        figures = [
            (_("Students named"), net.nominations_split),
            (_("Spent time together in school"), net.in_school_split),
            (_("Spent time together out of school"), net.out_of_school_split),
            (_("Named as a friend"), net.friend_split),
            (_("Mutual friendships"), net.mutual_split),
        ]
        if self.previous is not None:
            figures += [
                (_("New contacts since %(window)s") % {"window": self.previous.name}, self.new_contacts),
                (_("New mutual friendships since %(window)s") % {"window": self.previous.name}, self.new_mutual),
            ]
        if self.lasted is not None:
            names = {"window": self.baseline.name}
            figures += [
                (
                    _("Mutual friendships of %(window)s that lasted (of %(count)s)")
                    % {**names, "count": len(self.lasted.mutual_before)},
                    self.lasted_mutual,
                ),
                (
                    _("Contacts of %(window)s that lasted (of %(count)s)")
                    % {**names, "count": len(self.lasted.contacts_before)},
                    self.lasted_contacts,
                ),
            ]
        return figures

    @property
    def has_unrecorded(self) -> bool:
        return any(split.not_recorded for _label, split in self.figures)


def _by_name(students):
    return sorted(students, key=lambda s: (s.last_name.lower(), s.short_name.lower(), s.pk))


def friendship_map(*, program, window, windows) -> FriendshipMap:
    previous, baseline = previous_window(windows, window), baseline_window(windows, window)
    wanted = [w.pk for w in (window, previous, baseline) if w is not None]
    nominations = _nominations_by_window(wanted)
    participants = list(program_selectors.active_participants(program=program))
    net = network.window_network(nominations[window.pk], students=[s.pk for s in participants])
    students = {s.pk: s for s in participants}
    missing = net.nodes - students.keys()
    if missing:  # named by someone, no longer taking part: still on the map
        students.update({s.pk: s for s in Student.objects.filter(pk__in=missing, school_id=program.school_id)})
    net = network.window_network(
        [n for n in net.nominations if n.nominator in students and n.nominee in students], students=students.keys()
    )
    before = network.window_network(nominations[previous.pk]) if previous else None
    ordered = sorted(
        students.values(), key=lambda s: (not s.is_focus_student, s.last_name.lower(), s.short_name.lower(), s.pk)
    )
    rows = {s.pk: StudentRow(student=s) for s in ordered}
    for a, b in sorted(net.friend_edges):
        rows[a].friends_named.append(students[b])
    for a, b in sorted(net.contact_edges):
        rows[a].spent_time_with.append(students[b])
    for n in net.nominations:
        rows[n.nominee].named_by.append(students[n.nominator])
    for pair in net.mutual:
        a, b = sorted(pair)
        rows[a].mutual.append(students[b])
        rows[b].mutual.append(students[a])
    for row in rows.values():
        for name in ("friends_named", "spent_time_with", "named_by", "mutual"):
            setattr(row, name, _by_name(getattr(row, name)))
    kept = None
    if baseline is not None:
        kept = network.lasted(net, network.window_network(nominations[baseline.pk]))
    return FriendshipMap(
        window=window,
        previous=previous,
        baseline=baseline,
        net=net,
        students=students,
        rows=list(rows.values()),
        picture=drawing.picture(net, ordered),
        new_contacts=net.pairs_split(network.new_contacts(net, before)),
        new_mutual=net.pairs_split(network.new_mutual(net, before)),
        lasted=kept,
        lasted_mutual=net.pairs_split(kept.mutual_kept) if kept else None,
        lasted_contacts=net.pairs_split(kept.contacts_kept) if kept else None,
    )


# --- A student's page -----------------------------------------------------------------------------------------------


def student_friendships(access, student) -> dict | None:
    """The student's friends named and named-by in each window that asked, mutual marked (the student page, for the
    program's leads); None when nobody named anybody."""
    nominations = list(
        ContactNomination.objects.visible_to(access)
        .filter(Q(nominator=student) | Q(nominee=student), friend=True)
        .values_list("window_id", "nominator_id", "nominee_id")
    )
    if not nominations:
        return None
    window_ids = {n[0] for n in nominations}
    windows = {w.pk: w for w in SurveyWindow.objects.filter(pk__in=window_ids).select_related("program")}
    student_ids = {n[1] for n in nominations} | {n[2] for n in nominations}
    others = {s.pk: s for s in Student.objects.filter(pk__in=student_ids)}
    rounds = []
    for window in sorted(windows.values(), key=lambda w: (w.opens_on, w.pk)):
        edges = {(a, b) for pk, a, b in nominations if pk == window.pk}
        named = {b for a, b in edges if a == student.pk}
        named_by = {a for a, b in edges if b == student.pk}
        rounds.append(
            {
                "window": window,
                "named": [(others[pk], pk in named_by) for pk in named],
                "named_by": [(others[pk], pk in named) for pk in named_by],
                "mutual_count": len(named & named_by),
            }
        )
    for item in rounds:
        item["named"].sort(key=lambda pair: pair[0].full_name.lower())
        item["named_by"].sort(key=lambda pair: pair[0].full_name.lower())
    return {"friendship_rounds": rounds}
