"""The symbols of the accessible answers: one OpenMoji (CC BY-SA 4.0, from its npm package, served from our own
static files; credited on the symbols page) per answer value, the same symbol for the same answer on every question
and every check-in, with the words beside it (a symbol never stands alone)."""

from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AnswerSymbol:
    value: str
    label: str
    openmoji: str  # the OpenMoji hexcode, the file's name

    @property
    def url(self) -> str:
        return static(f"vendor/openmoji/{self.openmoji}.svg")


# Survey answers (SCALE3_VALUES and YES_NO_VALUES of evaluation.models): "yes" is the same thumbs-up whether the
# question has two answers or three.
ANSWER_SYMBOLS: dict[str, AnswerSymbol] = {
    "yes": AnswerSymbol("yes", _("Yes"), "1F44D"),
    "some": AnswerSymbol("some", _("A little"), "1F90F"),
    "no": AnswerSymbol("no", _("No"), "1F44E"),
}

# How a pair is going (PairCheckIn.Going): faces, since the question is how it feels.
GOING_SYMBOLS: dict[str, AnswerSymbol] = {
    "well": AnswerSymbol("well", _("Going well"), "1F600"),
    "sometimes": AnswerSymbol("sometimes", _("Sometimes"), "1F610"),
    "not_well": AnswerSymbol("not_well", _("Not going well"), "1F641"),
}

# Every OpenMoji the product shows (the attribution page lists them).
ALL_SYMBOLS: tuple[AnswerSymbol, ...] = (*ANSWER_SYMBOLS.values(), *GOING_SYMBOLS.values())

OPENMOJI_CREDIT = (
    "Symbols: OpenMoji, the open-source emoji and icon project (openmoji.org), licensed under CC BY-SA 4.0."
)
