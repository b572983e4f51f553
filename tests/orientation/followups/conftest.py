"""Follow-up meeting fixtures: East's program with one of everything (its planning meeting and action item), its
approval document kept in a temporary media folder."""

import pytest

from tests.programs.factories import east_program


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def east(world):
    return east_program(world)
