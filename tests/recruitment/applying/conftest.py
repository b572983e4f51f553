"""Fixtures of the applying tests: East's open campaign and a complete, valid application as POST data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from .objects import east_applying


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache; every test starts with no POSTs counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(world):
    return east_applying(world).campaign


@pytest.fixture
def apply_url(campaign):
    return reverse("recruitment:apply", kwargs={"pk": campaign.pk})


@pytest.fixture
def application_data(world):
    return {
        "first_name": "Ava",
        "last_name": "Johnson",
        "grade": "4",
        "homeroom_teacher": "Mr. Patel",
        "email": "ava@student.example.org",
        "interests": ["art", "sports"],
        "interests_other": "Chess",
        "available_periods": [str(world.period.pk)],
        "why_join": "I want to make new friends.",
        "prior_experience": "My cousin uses a wheelchair.",
        "heard_via": "posters",
        "guardian_name": "Grace Johnson",
        "guardian_email": "grace@family.example.org",
        "website": "",
    }
