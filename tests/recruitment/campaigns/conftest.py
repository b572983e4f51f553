"""Campaign fixtures: East's campaign (on the programs' matrix program) with a channel and an application."""

import pytest

from tests.recruitment.factories import east_campaign


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def east(world):
    return east_campaign(world)


def form_errors(response) -> str:
    """Every error message on the page's form, as one string."""
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
