"""What the brochure and the poster say: each statement about the program comes from the program's own data, in
words a 10 to 14 year old reads; the planning team's notes are never printed."""

import pytest
from django.urls import reverse

from programs.demo_data import PROGRAMS
from programs.models import Program, Purpose
from recruitment.materials.selectors import FORM_WORDS, PURPOSE_WORDS
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory

KINDS = ["brochure", "poster"]

# The planning team's vocabulary: right in a district plan, lost on a 12-year-old.
JARGON = [
    "service delivery",
    "inclusive model",
    "significant cognitive",
    "peer support course",
    "peer partner support program",
    "designated activities",
    "implement",
    "core component",
]


def preview(client, campaign, kind, paper="letter"):
    url = reverse(
        "recruitment:material_preview", kwargs={"pk": campaign.pk, "kind": kind, "paper": paper}
    )
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("kind", KINDS)
def test_how_often_follows_the_programs_form(client_for, campaign, kind):
    client = client_for("coordinator")
    campaign.program.form = "course"
    campaign.program.save()
    course = preview(client, campaign, kind)
    assert "You spend one class period each day with your schoolmates" in course
    assert "every week or every month" not in course

    campaign.program.form = "club"
    campaign.program.save()
    club = preview(client, campaign, kind)
    assert "It meets every week or every month" in club
    assert "one class period each day" not in club


@pytest.mark.parametrize("kind", KINDS)
def test_who_can_join_follows_the_programs_grades(client_for, world, kind):
    program = ProgramFactory(school=world.school, lowest_grade=6, highest_grade=8)
    campaign = CampaignFactory(program=program, term=world.term)
    html = preview(client_for("coordinator"), campaign, kind)
    assert "Any student in grades 6 to 8 who wants to get to know their schoolmates" in html

    program.lowest_grade = program.highest_grade = 0
    program.save()
    assert "Any student in grade K who" in preview(client_for("coordinator"), campaign, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_the_planning_teams_words_are_not_printed_for_children(client_for, world, kind):
    """East's demo program: its purpose notes speak of "a more inclusive model of service delivery"."""
    spec = PROGRAMS["east-elementary"]
    program = ProgramFactory(
        school=world.school,
        name=spec["name"],
        form=spec["form"],
        purposes=[str(purpose) for purpose in spec["purposes"]],
        purpose_notes=spec["purpose_notes"],
        core_components=spec["core_components"],
        who_may_join=spec["who_may_join"],
        staff_support=spec["staff_support"],
        lowest_grade=spec["grades"][0],
        highest_grade=spec["grades"][1],
    )
    campaign = CampaignFactory(program=program, term=world.term)

    html = preview(client_for("coordinator"), campaign, kind)

    for planning_words in (spec["purpose_notes"], spec["core_components"], spec["who_may_join"]):
        assert planning_words[:40] not in html
    assert "autism" not in html  # the notes name the students' disability: never on a poster
    lowered = html.lower()
    assert [word for word in JARGON if word in lowered] == []
    # The purposes in plain words.
    assert "Make our school a place where everyone belongs" in html
    assert "Learn new things from each other" in html


@pytest.mark.parametrize("form", ["club", "course", "both"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_fixed_text_uses_jargon(client_for, campaign, kind, form):
    campaign.program.form = form
    campaign.program.purposes = ["inclusive_school", "friendships", "everyday_involvement", "new_skills"]
    campaign.program.save()
    lowered = preview(client_for("coordinator"), campaign, kind).lower()
    assert [word for word in JARGON if word in lowered] == []


def test_every_purpose_and_form_of_a_program_has_printed_words():
    # The printed words are keyed by the programs app's values; a purpose or form added there must get its words here.
    assert set(PURPOSE_WORDS) == set(Purpose.values)
    assert set(FORM_WORDS) == set(Program.Form.values)
