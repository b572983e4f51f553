"""Fixtures of the goal attainment scaling tests: ``goals`` (``east_goals(world)``) and a client signed in as any
user."""

import pytest

from tests.two_factor import sign_in_verified

from .factories import east_goals


@pytest.fixture
def goals(world):
    return east_goals(world)


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.logout()
        sign_in_verified(client, user)
        return client

    return sign_in
