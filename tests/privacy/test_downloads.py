"""Downloading everything held about a student: from a records request (a disclosure to the requester and an export
in the access log) and from the student's page (an export; a disclosure only when given outside the school)."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from schools.models import AccessLogEntry
from schools.privacy.models import Disclosure

pytestmark = pytest.mark.usefixtures("weasyprint_ready")


def test_the_request_download_is_a_disclosure_to_the_requester_and_an_export(client_for, world, records):
    item = records.inspection_request
    page = client_for("coordinator").get(reverse("privacy:request_detail", kwargs={"pk": item.pk})).content.decode()
    assert "Download everything held about this student" in page

    response = client_for("coordinator").post(reverse("privacy:request_bundle", kwargs={"pk": item.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition == (f'attachment; filename="records-request-{item.pk}-student-{world.focus_student.pk}.zip"')
    assert "Noah" not in disposition and "Bennett" not in disposition

    disclosure = Disclosure.objects.get(inspection_request=item)
    assert (disclosure.recipient, disclosure.student, disclosure.disclosed_by) == (
        "Erin Bennett",
        world.focus_student,
        world.user("coordinator"),
    )
    assert disclosure.purpose.startswith("Records request")
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.student, entry.user, entry.what) == (
        world.focus_student,
        world.user("coordinator"),
        f"records bundle for records request {item.pk}",
    )
    # The bundle lists its own disclosure, and the request's page now shows it.
    document = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("records.json"))
    assert any(row["inspection_request_id"] == item.pk for row in document["sections"]["disclosures"])
    page = client_for("coordinator").get(reverse("privacy:request_detail", kwargs={"pk": item.pk})).content.decode()
    assert "Everything held about the student" in page


def test_an_export_for_the_schools_own_use_is_logged_but_not_a_disclosure(client_for, world):
    url = reverse("privacy:student_export", kwargs={"pk": world.focus_student.pk})
    client = client_for("school_admin")
    assert (
        "Export this child"
        in client.get(reverse("student_detail", kwargs={"pk": world.focus_student.pk})).content.decode()
    )
    response = client.post(url, {"given_to": "inside"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="student-{world.focus_student.pk}-records.zip"'
    assert "no-store" in response["Cache-Control"]
    assert not Disclosure.objects.exists()
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.student, entry.user, entry.what) == (
        world.focus_student,
        world.user("school_admin"),
        "records bundle",
    )


def test_an_export_given_outside_the_school_is_a_disclosure(client_for, world):
    url = reverse("privacy:student_export", kwargs={"pk": world.focus_student.pk})
    response = client_for("coordinator").post(
        url, {"given_to": "outside", "recipient": "Noah's new school", "purpose": "Noah is moving school"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    disclosure = Disclosure.objects.get()
    assert (disclosure.recipient, disclosure.purpose) == ("Noah's new school", "Noah is moving school")
    assert AccessLogEntry.objects.get(action="export").what == "records bundle (given outside the school)"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"given_to": "outside", "recipient": "", "purpose": "Moving"}, "Say who the export is given to."),
        ({"given_to": "outside", "recipient": "New school", "purpose": ""}, "Say why the export is given."),
        ({"given_to": "somewhere"}, "Select a valid choice."),
        ({}, "This field is required."),
    ],
)
def test_bad_export_input_gets_a_message_and_nothing_is_logged(client_for, world, data, message):
    url = reverse("privacy:student_export", kwargs={"pk": world.focus_student.pk})
    response = client_for("coordinator").post(url, data)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert not Disclosure.objects.exists() and not AccessLogEntry.objects.filter(action="export").exists()
