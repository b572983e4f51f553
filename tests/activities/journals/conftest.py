"""Fixtures of the journal tests: East's peer support course with Sofia and Liam (``east_journals``), and a client
signed in as any user."""

import pytest

from tests.two_factor import sign_in_verified

from .factories import east_journals


@pytest.fixture
def journals(world):
    return east_journals(world)


@pytest.fixture
def client_as(client):
    def sign_in(user):
        client.logout()
        sign_in_verified(client, user)
        return client

    return sign_in
