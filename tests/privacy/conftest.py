import pytest

from .objects import east_records


@pytest.fixture
def records(world):
    return east_records(world)
