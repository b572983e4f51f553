"""Fixtures of the pair health tests: East's "Best Buddies Club" pairs (``east_pairs``)."""

import pytest

from .factories import east_pairs


@pytest.fixture
def pairs(world):
    return east_pairs(world)
