"""Fixtures of the applying tests: East's open campaign and a complete, valid application as POST data; Putnam's
"Lunch Buddies" (grades 6 to 8) for a student old enough to be asked for their own email."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, east_applying
from tests.schools.factories import TermFactory


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


@pytest.fixture
def older_campaign(world):
    school = world.other_school  # Putnam Middle School, grades 6 to 8
    program = ProgramFactory(school=school, name="Lunch Buddies")
    return CampaignFactory(program=program, term=TermFactory(school=school))


@pytest.fixture
def older_apply_url(older_campaign):
    return reverse("recruitment:apply", kwargs={"pk": older_campaign.pk})


@pytest.fixture
def older_application_data(application_data):
    """A grade 8 student (asked for their own email); Putnam has shared no bell schedule, so no free periods."""
    data = {**application_data, "grade": "8"}
    data.pop("available_periods")
    return data
