"""Every size of every material, printed with short and with the longest texts the forms allow: no box covers
another, nothing runs off the page, the poster stays on one page and the brochure uses its page.

The texts are real: the short ones are the demo programs' own words; the long ones are the guide's sentences, as
long as each form field allows.
"""

import pytest

from programs.demo_data import PROGRAMS
from programs.forms import LONG_TEXT as PROGRAM_LONG_TEXT
from programs.models import Program, Purpose
from recruitment.campaigns.demo import TEXTS
from recruitment.campaigns.forms import LONG_TEXT as CAMPAIGN_LONG_TEXT
from recruitment.materials import services
from recruitment.models import RecruitmentCampaign, RecruitmentMaterial
from schools.models import School
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory

from .pdf_layout import Box, layout_faults, page_count, page_text

pytestmark = pytest.mark.usefixtures("weasyprint_ready", "media_root")

# Sentences of "A Guide to Implementing Peer Partner Programs" (TIES Center), the words coordinators draw on.
GUIDE = (
    "Whether talking in the cafeteria, collaborating on a group project, catching up between classes, "
    "participating in extracurricular activities, completing a service project, performing together in band or "
    "chorus, playing at recess, or hanging out after school, the social aspects of school have a powerful "
    "influence on students. When peer relationships are plentiful, school is an exciting place to go. "
    "Relationships are usually forged through shared activities over time. Peer partner programs are a formal way "
    "of creating additional avenues through which students with and without disabilities can spend time together "
    "across school settings. Peer partner programs are usually open to anyone who is interested in getting to know "
    "their schoolmates and who are available to participate in designated activities. "
)


def fill(limit: int, text: str = GUIDE) -> str:
    """The guide's words repeated up to ``limit`` characters, cut at a word: the longest text a field takes."""
    words = (text * (limit // len(text) + 1))[:limit]
    return words.rsplit(" ", 1)[0].rstrip(" ,")


def field_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def short_texts(world):
    """East Elementary's demo program and campaign, as seed_demo writes them."""
    spec = PROGRAMS["east-elementary"]
    program = ProgramFactory(
        school=world.school,
        name=spec["name"],
        form=spec["form"],
        purposes=[str(purpose) for purpose in spec["purposes"]],
        purpose_notes=spec["purpose_notes"],
        core_components=spec["core_components"],
        who_may_join=spec["who_may_join"],
        lowest_grade=spec["grades"][0],
        highest_grade=spec["grades"][1],
    )
    return CampaignFactory(
        program=program,
        term=world.term,
        closes_on=world.term.end_date,
        **TEXTS["east-elementary"],
    )


def long_texts(world, settings):
    """Every field as long as its form allows, every purpose, the widest grade span, a long site address."""
    settings.SITE_URL = "https://peer-partner-programs.riverside-unified-school-district.example.org"
    School.objects.filter(pk=world.school.pk).update(name=fill(field_length(School, "name"), "Riverside Heights "))
    world.school.refresh_from_db()
    program = ProgramFactory(
        school=world.school,
        name=fill(field_length(Program, "name"), "Peer to Peer Connections Buddy Club "),
        form=Program.Form.BOTH,
        purposes=list(Purpose.values),
        purpose_notes=fill(PROGRAM_LONG_TEXT),
        core_components=fill(PROGRAM_LONG_TEXT),
        who_may_join=fill(PROGRAM_LONG_TEXT),
        lowest_grade=0,
        highest_grade=8,
    )
    return CampaignFactory(
        program=program,
        term=world.term,
        closes_on=world.term.end_date,
        what_peers_do=fill(CAMPAIGN_LONG_TEXT),
        time_commitment=fill(field_length(RecruitmentCampaign, "time_commitment")),
        how_to_join=fill(CAMPAIGN_LONG_TEXT),
    )


def printed(campaign, kind, paper, capture) -> bytes:
    """Print the material as the coordinator does: through the service and its (eager) Celery task."""
    with capture(execute=True):
        services.material_request(campaign=campaign, kind=kind, paper=paper)
    material = RecruitmentMaterial.objects.get(campaign=campaign, kind=kind, paper=paper)
    assert material.status == RecruitmentMaterial.Status.READY
    with material.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("texts", ["short", "long"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("kind", ["poster", "brochure"])
def test_no_box_covers_another_and_nothing_leaves_the_page(
    world, settings, django_capture_on_commit_callbacks, kind, paper, texts
):
    campaign = short_texts(world) if texts == "short" else long_texts(world, settings)

    data = printed(campaign, kind, paper, django_capture_on_commit_callbacks)

    assert layout_faults(data) == []
    if kind == "poster":
        assert page_count(data) == 1
    else:
        assert page_count(data) <= 2  # one sheet, printed on both sides at most
    words = page_text(data)
    # What a reader must find whatever the length of the rest: the program, its grades and the way to apply.
    grades = "Grades 3 to 5" if texts == "short" else "Grades K to 8"
    assert grades.lower() in words.lower()  # the brochure prints them in capitals
    assert campaign.program.name[:40] in words
    link = f"{settings.SITE_URL.split('://', 1)[1]}/join/{campaign.pk}/apply/"
    assert link in words.replace(" ", "")


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_brochure_uses_its_page(world, django_capture_on_commit_callbacks, paper):
    import pypdfium2

    data = printed(short_texts(world), "brochure", paper, django_capture_on_commit_callbacks)

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[0]
        _width, height = page.get_size()
        boxes = [Box(*item.get_bounds()) for item in page.get_objects(max_depth=8)]
        page.close()
    finally:
        document.close()
    # The demo's words fill the sheet down to its last eighth: no half-empty page.
    assert min(box.bottom for box in boxes) < height / 8
