"""Fixtures of the survey tests: ``surveys`` (``east_surveys``) and a client signed in as any user."""

import pytest

from tests.two_factor import sign_in_verified

from .factories import east_surveys


@pytest.fixture
def surveys(world):
    return east_surveys(world)


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.logout()
        sign_in_verified(client, user)
        return client

    return sign_in
