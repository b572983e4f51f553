"""Imports belong to their school: another school's people never list, open, poll or confirm them."""

from django.urls import reverse

from schools.rostering.models import RosterImport
from tests.schools.factories import RosterImportFactory


def test_the_list_shows_only_the_active_schools_imports(client_for, world):
    ours = RosterImportFactory(school=world.school, original_name="east-roster.csv")
    RosterImportFactory(school=world.other_school, original_name="putnam-roster.csv")
    html = client_for("coordinator").get(reverse("rostering:import_list")).content.decode()
    assert "east-roster.csv" in html and "putnam-roster.csv" not in html
    assert f"/roster/import/{ours.pk}/" in html


def test_another_schools_import_is_not_found_and_stays_untouched(client_for, world):
    theirs = RosterImportFactory(school=world.school)
    client = client_for("other_coordinator")
    for name in ("rostering:import_detail", "rostering:import_progress"):
        assert client.get(reverse(name, kwargs={"pk": theirs.pk})).status_code == 404, name
    for name in ("rostering:confirm", "rostering:cancel", "rostering:choose_org"):
        assert client.post(reverse(name, kwargs={"pk": theirs.pk})).status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.status == RosterImport.Status.READY


def test_an_upload_goes_to_the_active_school(world, client_for, upload, latest_import):
    from .testdata import template_csv

    upload([template_csv("s1,Ana,Diaz,,7,,,,,,,,")], source="template", role="other_coordinator")
    roster_import = RosterImport.objects.get()
    assert roster_import.school == world.other_school
    assert roster_import.uploaded_by == world.user("other_coordinator")
