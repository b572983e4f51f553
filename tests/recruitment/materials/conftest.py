import pytest

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT



@pytest.fixture
def campaign(world):
    program = ProgramFactory(
        school=world.school,
        name="Peer Connections",
        form="club",
        purposes=["inclusive_school", "friendships"],
        purpose_notes="Everyone belongs at East.",
        lowest_grade=3,
        highest_grade=5,
    )
    return CampaignFactory(program=program, term=world.term)
