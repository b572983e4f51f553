"""Read side of printed materials: the campaign a staff page may reach, the words a brochure or poster prints, and
the state of each kind × paper for the materials page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programs.models import Program
from recruitment.models import RecruitmentCampaign, RecruitmentMaterial

# The guide's words: programs are open to anyone who wants to get to know their schoolmates and has the time.
WHO_MAY_JOIN = (
    "Open to anyone who is interested in getting to know their schoolmates and is available to take part in the "
    "program's activities."
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


def _grade_label(grade: int) -> str:
    # "Grades K to 5": kindergarten by its letter, the others by their number.
    return _("K") if grade == 0 else str(grade)


def material_content(*, campaign: RecruitmentCampaign) -> dict:
    """Everything a brochure or poster prints, as plain strings.

    The templates print only this, and the cache key (``source_hash``) is computed from it, so any change to what
    would be printed renders the material again and nothing else does.
    """
    program: Program = campaign.program
    if program.lowest_grade == program.highest_grade:
        grades = _("Grade %(grade)s") % {"grade": _grade_label(program.lowest_grade)}
    else:
        grades = _("Grades %(low)s to %(high)s") % {
            "low": _grade_label(program.lowest_grade),
            "high": _grade_label(program.highest_grade),
        }
    return {
        "program_name": program.name,
        "school_name": program.school.name,
        "purposes": program.purpose_labels(),
        "purpose_notes": program.purpose_notes.strip(),
        "form": str(program.get_form_display()),
        "grades": grades,
        "who_may_join": _(WHO_MAY_JOIN),
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
