"""The database the suite runs on, and migrations that match the models."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from ..conftest import services_required

pytestmark = pytest.mark.django_db


@pytest.mark.services
def test_suite_runs_on_postgresql_when_services_are_required():
    if not services_required():
        pytest.skip("REQUIRE_SERVICES is not set: the embedded SQLite database is expected")

    assert connection.vendor == "postgresql", (
        f"REQUIRE_SERVICES is set but the suite runs on {connection.vendor}: set DATABASE_URL to PostgreSQL"
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    # docker-compose.yml deploys postgres:15; older servers are not supported.
    assert int(version) >= 150000


def test_migrations_match_the_models():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models have changes without a migration; run makemigrations:\n{out.getvalue()}")
