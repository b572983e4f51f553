"""Fixtures of the privacy tests, all in this folder: consent records, disclosures, records requests, the guardian's
link, the student's bundle and downloads, retention and deleting one child's data (``schools.privacy``)."""

import pytest

from tests.schools.factories import east_records


@pytest.fixture
def records(world):
    return east_records(world)
