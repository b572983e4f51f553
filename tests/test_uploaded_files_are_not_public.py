"""Uploaded files (approval documents, roster imports, printed materials) are never served from MEDIA_URL: only
through the views that check the person's school and permission (see the role matrix's download rows)."""

from django.conf import settings
from django.urls import Resolver404, get_resolver, resolve
from django.views import static


def all_callbacks(resolver=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if hasattr(entry, "url_patterns"):
            yield from all_callbacks(entry)
        else:
            yield entry.callback


def test_no_url_pattern_serves_the_media_folder():
    assert static.serve not in set(all_callbacks())
    media = "/" + settings.MEDIA_URL.strip("/") + "/"
    for path in (
        "programs/approvals/1/plan.pdf",
        "recruitment/materials/poster-letter.pdf",
        "roster/import.csv",
        "resources/1/202612/handout.pdf",
        "orientation-materials/2026/12/agenda.pdf",
    ):
        try:
            match = resolve(media + path)
        except Resolver404:
            continue
        raise AssertionError(f"{media + path} is answered by {match.view_name}")


def test_a_stored_file_is_not_reachable_by_its_media_address(client_for, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "plan.pdf").write_bytes(b"%PDF-1.4 confidential plan")
    for role in ("anonymous", "coordinator"):
        response = client_for(role).get("/" + settings.MEDIA_URL.strip("/") + "/programs/plan.pdf")
        assert response.status_code == 404, role
        assert b"confidential plan" not in response.content
