"""The import list and the report page run as many queries for one row as for many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.schools.factories import RosterImportFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_import_list_queries_do_not_grow_with_imports(client_for, world):
    client = client_for("coordinator")
    RosterImportFactory(school=world.school)
    few = queries_for(client, reverse("rostering:import_list"))
    RosterImportFactory.create_batch(15, school=world.school)
    assert queries_for(client, reverse("rostering:import_list")) == few


def report_with(rows: int) -> dict:
    report = RosterImportFactory.build().report
    report["changes"] = [{"action": "create", "what": "student", "label": f"Student {n}", "source_id": str(n),
                          "details": ""} for n in range(rows)]
    report["skipped"] = [{"file": "users.csv", "line": n, "record": f"Teacher {n}", "reason": "Not a student",
                          "detail": ""} for n in range(rows)]
    report["skipped_summary"] = [{"reason": "Not a student", "count": rows}]
    report["changes_total"] = report["skipped_total"] = rows
    return report


def test_report_page_queries_do_not_grow_with_rows(client_for, world):
    client = client_for("coordinator")
    one = RosterImportFactory(school=world.school, report=report_with(1))
    many = RosterImportFactory(school=world.school, report=report_with(400))
    assert queries_for(client, reverse("rostering:import_detail", kwargs={"pk": one.pk})) == queries_for(
        client, reverse("rostering:import_detail", kwargs={"pk": many.pk})
    )
