"""An export is a filled-in template: importing it back changes nothing, in CSV and in Excel."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import Guardian, Student
from schools.rostering.models import RosterImport

from .testdata import template_csv

ROWS = (
    "0042,Ana,Diaz,Annie,K,focus,Room 3,2019-03-02,\"Art, music\",Rosa Diaz,rosa@example.org,'+1 555 0100,Spanish",
    "s2,Ben,Ito,,5,peer,,,'=not a formula,,,,",
    "s3,Émile,Ngô,,3,peer,Room 1,,Football,Lê Ngô,,,Vietnamese",
)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(world, client, upload, latest_import, confirm, file_format):
    upload([template_csv(*ROWS)], source="template")
    confirm(latest_import())
    assert latest_import().status == RosterImport.Status.DONE
    before = sorted(Student.objects.values_list("source_id", "first_name", "grade", "kind", "interests"))
    guardians = sorted(Guardian.objects.values_list("name", "email", "phone", "language"))

    exported = client.get(reverse("rostering:export", kwargs={"file_format": file_format}))
    assert exported.status_code == 200
    upload([SimpleUploadedFile(f"export.{file_format}", exported.content)], source="template")
    again = latest_import()
    assert again.status == RosterImport.Status.READY, again.report["errors"]
    counts = again.report["counts"]
    assert counts["students"] == {"create": 0, "update": 0, "deactivate": 0, "unchanged": 3}
    assert counts["guardians"] == {"create": 0, "update": 0, "deactivate": 0, "unchanged": 2}
    # The world's two students have no student id: they are left out, with the reason.
    assert again.report["skipped_total"] == 2
    confirm(again)
    assert sorted(Student.objects.values_list("source_id", "first_name", "grade", "kind", "interests")) == before
    assert sorted(Guardian.objects.values_list("name", "email", "phone", "language")) == guardians
    ana = Student.objects.get(source_id="0042")
    assert (ana.interests, ana.guardians.get().phone) == ("Art, music", "+1 555 0100")
