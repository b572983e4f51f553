"""The status page's progress bar: a small JSON endpoint, a static script, and a page that works without it."""

import re

from django.urls import reverse

from schools.rostering.models import RosterImport
from schools.rostering.progress import Progress
from tests.schools.factories import RosterImportFactory


def test_progress_endpoint_reports_a_running_import(client_for, world):
    roster_import = RosterImportFactory(school=world.school, status=RosterImport.Status.ANALYSING, total_rows=200)
    Progress(roster_import).start(200)
    tracker = Progress(roster_import)
    tracker.total, tracker.done = 200, 49
    tracker.advance()
    response = client_for("coordinator").get(reverse("rostering:import_progress", kwargs={"pk": roster_import.pk}))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "status": "analysing",
        "status_label": "Checking the file",
        "interrupted": False,
        "running": True,
        "processed": 50,
        "total": 200,
        "percent": 25,
        "detail_url": f"/roster/import/{roster_import.pk}/",
    }


def test_progress_endpoint_reports_a_finished_import(client_for, world):
    roster_import = RosterImportFactory(school=world.school, status=RosterImport.Status.DONE, total_rows=10,
                                        processed_rows=10)
    data = client_for("coordinator").get(
        reverse("rostering:import_progress", kwargs={"pk": roster_import.pk})
    ).json()
    assert (data["running"], data["percent"], data["status"]) == (False, 100, "done")


def test_the_status_page_has_a_progress_bar_a_refresh_link_and_no_inline_script(client_for, world):
    roster_import = RosterImportFactory(school=world.school, status=RosterImport.Status.QUEUED, total_rows=0)
    html = client_for("coordinator").get(reverse("rostering:import_detail", kwargs={"pk": roster_import.pk})).content
    html = html.decode()
    assert "<progress" in html
    assert f'data-progress-url="/roster/import/{roster_import.pk}/progress/"' in html
    assert f'href="/roster/import/{roster_import.pk}/" data-progress-refresh' in html
    assert "/static/js/import-progress.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline scripts are not allowed (CSP)"


def test_the_progress_of_another_schools_import_is_not_found(client_for, world):
    roster_import = RosterImportFactory(school=world.school, status=RosterImport.Status.ANALYSING)
    response = client_for("other_coordinator").get(
        reverse("rostering:import_progress", kwargs={"pk": roster_import.pk})
    )
    assert response.status_code == 404
