"""Fixtures for roster import tests: uploads through the real views, with Celery tasks run in-process."""

import pytest
from django.urls import reverse

from schools.models import RosterImport


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded rosters are written under a temporary MEDIA_ROOT, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def all_grades(world):
    """East takes grades K-12 here, so the real data sets (grades 9-12) fit its roster."""
    world.school.lowest_grade, world.school.highest_grade = 0, 12
    world.school.save(update_fields=["lowest_grade", "highest_grade"])
    return world.school


@pytest.fixture
def upload(client_for, django_capture_on_commit_callbacks):
    """Post files to the upload form as a role; the check task runs when the request's transaction commits."""

    def send(files, *, source="oneroster", kind="peer", role="coordinator"):
        client = client_for(role)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("rostering:upload"), {"source": source, "new_student_kind": kind, "files": files}
            )
        return response

    return send


@pytest.fixture
def latest_import(world):
    def latest():
        return RosterImport.objects.filter(school=world.school).order_by("-pk").first()

    return latest


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Confirm an import as whoever is signed in on ``client``; the apply task runs on commit."""

    def send(roster_import):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("rostering:confirm", kwargs={"pk": roster_import.pk}))
        roster_import.refresh_from_db()
        return response

    return send


@pytest.fixture
def choose_org(client, django_capture_on_commit_callbacks):
    def send(roster_import, org):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("rostering:choose_org", kwargs={"pk": roster_import.pk}), {"org": org})
        roster_import.refresh_from_db()
        return response

    return send
