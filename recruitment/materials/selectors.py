"""Read side of printed materials: the campaign a staff page may reach, the words a brochure or poster prints, and
the state of each kind × paper for the materials page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs.selectors import program_purposes
from recruitment.models import RecruitmentCampaign, RecruitmentMaterial

# The printed words are read by peers of 10 to 14: plain words in the guide's spirit (friendship, helping, learning
# together), never the planning team's vocabulary. Each statement about the program is built from its own data
# (purposes, form, grades) or is the campaign's text written for the public; nothing here describes one program.
# Keyed by the values of ``programs.models.Purpose`` and ``Program.Form`` (tests/recruitment/materials checks that
# every value has its words), so this module reads programs only through ``programs.selectors``.
PURPOSE_WORDS = {
    "inclusive_school": gettext_lazy("Make our school a place where everyone belongs"),
    "friendships": gettext_lazy("Make new friends"),
    "everyday_involvement": gettext_lazy("Do everyday school things together: class, lunch, recess and clubs"),
    "new_skills": gettext_lazy("Learn new things from each other"),
}
FORM_WORDS = {
    # The guide's two forms: a club that meets weekly or monthly; a course of one period each day.
    "club": gettext_lazy(
        "This is a club. It meets every week or every month to have fun, make things and help out together."
    ),
    "course": gettext_lazy(
        "This is a class. You spend one class period each day with your schoolmates, helping and learning together."
    ),
    "both": gettext_lazy(
        "There is a club that meets every week or every month, and a class where you spend one class period each "
        "day with your schoolmates."
    ),
}
# What peers gain, in the words of the guide's overview (friendships, leadership, understanding, confidence).
PEER_GAINS = (
    gettext_lazy("New friends"),
    gettext_lazy("Be a leader and a good example"),
    gettext_lazy("Understand and help others"),
    gettext_lazy("Feel more confident at school"),
)


def material_campaign(*, access, pk: int) -> RecruitmentCampaign:
    """The campaign of the active school (another school's is not found: 404)."""
    queryset = RecruitmentCampaign.objects.visible_to(access).select_related("program__school", "term")
    return get_object_or_404(queryset, pk=pk)


def form_path(campaign: RecruitmentCampaign) -> str:
    # The public application form (recruitment.applying) lives at this address for good: it is printed on paper.
    return f"/join/{campaign.pk}/apply/"


def form_url(campaign: RecruitmentCampaign) -> str:
    return f"{settings.SITE_URL}{form_path(campaign)}"


@dataclass(frozen=True)
class AddressMismatch:
    """The QR code leads to ``printed`` (SITE_URL) while the coordinator reaches the site at ``in_use``."""

    printed: str
    in_use: str


def qr_address_mismatch(*, campaign: RecruitmentCampaign, request_host: str) -> AddressMismatch | None:
    """None when the printed address is the host the coordinator is using; otherwise both addresses.

    The host alone is compared: behind a proxy the request's scheme may read "http" on an https site.
    """
    printed = form_url(campaign)
    if urlsplit(settings.SITE_URL).netloc.lower() == request_host.lower():
        return None
    return AddressMismatch(printed=printed, in_use=f"{request_host}{form_path(campaign)}")


def _grade_label(grade: int) -> str:
    # "Grades K to 5": kindergarten by its letter, the others by their number.
    return _("K") if grade == 0 else str(grade)


def _grades(program) -> tuple[str, str]:
    """The program's grades as a heading ("Grades 3 to 5") and inside a sentence ("grades 3 to 5")."""
    if program.lowest_grade == program.highest_grade:
        values = {"grade": _grade_label(program.lowest_grade)}
        return _("Grade %(grade)s") % values, _("grade %(grade)s") % values
    values = {"low": _grade_label(program.lowest_grade), "high": _grade_label(program.highest_grade)}
    return _("Grades %(low)s to %(high)s") % values, _("grades %(low)s to %(high)s") % values


def material_content(*, campaign: RecruitmentCampaign) -> dict:
    """Everything a brochure or poster prints, as plain strings.

    The templates print only this, and the cache key (``source_hash``) is computed from it, so any change to what
    would be printed renders the material again and nothing else does. What the program is (its grades, form and
    purposes) comes from the program's fields; the rest is the campaign's own text for the public. The planning
    team's notes (purpose in their own words, who may join, core components) are written for staff and never
    printed for children.
    """
    program = campaign.program
    grades, grades_in_sentence = _grades(program)
    return {
        "program_name": program.name,
        "school_name": program.school.name,
        "grades": grades,
        "who_can_join": _(
            "Any student in %(grades)s who wants to get to know their schoolmates and has time to take part."
        ) % {"grades": grades_in_sentence},
        "how_often": str(FORM_WORDS[program.form]),
        "purposes": [str(PURPOSE_WORDS[value]) for value in program_purposes(program)],
        "peer_gains": [str(gain) for gain in PEER_GAINS],
        "what_peers_do": campaign.what_peers_do.strip(),
        "time_commitment": campaign.time_commitment.strip(),
        "how_to_join": campaign.how_to_join.strip(),
        "closes_on": date_format(campaign.closes_on, "DATE_FORMAT") if campaign.closes_on else "",
        "form_url": form_url(campaign),
    }


@dataclass(frozen=True)
class MaterialSlot:
    """One button of the materials page: a kind on a paper size, and its rendered file if there is one."""

    kind: str
    kind_label: str
    paper: str
    paper_label: str
    material: RecruitmentMaterial | None

    @property
    def status(self) -> str | None:
        return self.material.status if self.material else None


def material_slots(*, campaign: RecruitmentCampaign) -> list[MaterialSlot]:
    existing = {(m.kind, m.paper): m for m in campaign.materials.all()}
    return [
        MaterialSlot(kind, str(kind_label), paper, str(paper_label), existing.get((kind, paper)))
        for kind, kind_label in RecruitmentMaterial.Kind.choices
        for paper, paper_label in RecruitmentMaterial.Paper.choices
    ]
