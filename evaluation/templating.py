"""The guide's placeholders in a question, "[name of student]" and "[names of peers]", filled in for one respondent
from their confirmed pairs in the program (``recruitment.selectors.confirmed_pairs``). A partner whose family opted
out of the directory is "your partner" (``schools.peer_safe.shared_name``): their name is never shown to a peer."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from recruitment.selectors import confirmed_pairs
from schools.peer_safe import shared_name

STUDENT_PLACEHOLDER = "[name of student]"
PEERS_PLACEHOLDER = "[names of peers]"


def names_text(names: list[str], *, none: str) -> str:
    """ "Noah", "Noah and Ava", "Noah, Ava and Mia"; ``none`` when there is nobody."""
    names = list(dict.fromkeys(name for name in names if name))
    if not names:
        return none
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@dataclass(frozen=True)
class Names:
    """What the placeholders become for one respondent."""

    student: str  # [name of student]
    peers: str  # [names of peers]

    def fill(self, text: str) -> str:
        filled = text.replace(STUDENT_PLACEHOLDER, self.student).replace(PEERS_PLACEHOLDER, self.peers)
        # "your partner" at the start of a question starts with a capital.
        return filled[:1].upper() + filled[1:] if filled else filled


GENERIC = Names(student="the student", peers="the peer partners")


def names_for_student(*, program, student, term=None, partner=None) -> Names:
    """The names a peer or focus student sees: a peer's focus students ([name of student]) or a focus student's peers
    ([names of peers]), confirmed in the program (in ``term`` when given), or only ``partner`` when given (an exit
    survey about one pair). Two queries at most."""
    if partner is not None:
        partner_name = shared_name(partner, hidden_as=_("your partner"))
        return Names(student=partner_name, peers=partner_name)
    pairs = confirmed_pairs(program=program, term=term)
    if student.kind == student.Kind.FOCUS:
        peers = [
            shared_name(pair.peer, hidden_as=_("your partner")) for pair in pairs if pair.focus_student_id == student.pk
        ]
        return Names(student=student.short_name, peers=names_text(peers, none=_("your peer partners")))
    partners = [
        shared_name(pair.focus_student, hidden_as=_("your partner")) for pair in pairs if pair.peer_id == student.pk
    ]
    return Names(student=names_text(partners, none=_("your partner")), peers=student.short_name)


def names_for_family(*, student) -> Names:
    """A family answers about their own child: their child's name."""
    return Names(student=student.short_name, peers=_("the peer partners"))
