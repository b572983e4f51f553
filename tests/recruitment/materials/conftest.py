import pytest

from ...conftest import service_missing
from ...recruitment_factories import CampaignFactory


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def weasyprint_ready():
    """WeasyPrint needs the system's Pango: skip without it, but fail in CI (REQUIRE_SERVICES=1)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        service_missing(f"WeasyPrint cannot load (is Pango installed?): {error}")


@pytest.fixture
def campaign(world):
    from ...factories import ProgramFactory

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
