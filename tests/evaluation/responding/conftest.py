"""Fixtures of the respondent's tests: East's open mid-term window with one response per kind of respondent
(``east_responding``), and a client signed in as any user."""

import pytest

from tests.two_factor import sign_in_verified

from .factories import east_responding


@pytest.fixture
def responding(world):
    return east_responding(world)


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.logout()
        sign_in_verified(client, user)
        return client

    return sign_in
