import pytest

from ..conftest import service_missing
from .objects import east_records


@pytest.fixture
def weasyprint_ready():
    """WeasyPrint needs the system's Pango: skip without it, but fail in CI (REQUIRE_SERVICES=1)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        service_missing(f"WeasyPrint cannot load (is Pango installed?): {error}")


@pytest.fixture
def records(world):
    return east_records(world)
