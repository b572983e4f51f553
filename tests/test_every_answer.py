"""Answers the role matrix's walk does not reach: never cached, and nothing loaded from another host.

``schools.middleware.NoStoreMiddleware`` sends ``Cache-Control: no-store`` on every answer Django gives (pages, CSV and
Excel exports, PDFs, uploaded files, redirects, errors); static files, served by WhiteNoise before it, stay cacheable.
Every URL of the role matrix, asked by every role, is checked for both in the matrix's one walk
(``tests/test_role_matrix.py``); here: the downloads as a file, the admin as its staff, static files, stylesheets and
email templates.
"""

from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.schools.factories import UserFactory
from tests.two_factor import sign_in_verified

from .foreign_loads import foreign_loads


def test_downloads_are_never_cached(client_for, world):
    # The files that hold the most: the roster export (dates of birth, guardians) as CSV and Excel.
    client = client_for("coordinator")
    for file_format in ("csv", "xlsx"):
        response = client.get(reverse("rostering:export", kwargs={"file_format": file_format}))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]


def test_the_admin_is_never_cached_and_loads_nothing_from_another_host(client, db):
    sign_in_verified(client, UserFactory(username="support", is_staff=True, is_superuser=True))
    for name in ("admin:index", "admin:schools_student_changelist", "admin:schools_student_add"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], name
        assert foreign_loads(response.content.decode()) == [], name


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_stay_cacheable(db):
    response = Client().get(settings.STATIC_URL + "css/peerpartners.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]


def test_our_stylesheets_load_nothing_from_another_host():
    # Bootstrap and its icons come from npm and are served by us; their CSS must not pull fonts or images elsewhere.
    folders = [Path(folder[1] if isinstance(folder, tuple) else folder) for folder in settings.STATICFILES_DIRS]
    stylesheets = [path for folder in folders for path in folder.rglob("*.css")]
    assert any(path.name == "bootstrap.min.css" for path in stylesheets)
    for path in stylesheets:
        assert foreign_loads(path.read_text(encoding="utf-8")) == [], path


def test_email_templates_load_nothing_from_another_host():
    # Every email is plain text (tests/test_peer_outputs.py); a template that started to load a remote image or
    # stylesheet (a tracking pixel, a web font) fails here.
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    templates = [path for folder in folders for path in folder.rglob("*") if "email" in str(path.relative_to(folder))]
    templates = [path for path in templates if path.is_file()]
    assert len(templates) >= 10
    for path in templates:
        assert foreign_loads(path.read_text(encoding="utf-8")) == [], path
