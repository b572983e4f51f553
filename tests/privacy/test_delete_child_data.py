"""A school deletes one child's data at once: the principal confirms by typing the first name; the same anonymising
as retention runs, and the access log keeps the record of it."""

import html

from django.urls import reverse

from schools.models import AccessLogEntry, IEPGoal, Student


def url(student):
    return reverse("student_delete_data", kwargs={"pk": student.pk})


def test_the_page_asks_to_export_first_and_to_type_the_first_name(world, client_for):
    page = client_for("school_admin").get(url(world.focus_student))
    text = html.unescape(page.content.decode())
    assert "Export the child's data first" in text
    assert "Type the student's first name to confirm" in text
    assert "no-store" in page["Cache-Control"]


def test_the_student_page_offers_the_action_to_the_principal_only(world, client_for):
    detail = reverse("student_detail", kwargs={"pk": world.focus_student.pk})
    assert "Delete this child" in html.unescape(client_for("school_admin").get(detail).content.decode())
    assert "Delete this child" not in html.unescape(client_for("coordinator").get(detail).content.decode())


def test_a_wrong_or_missing_name_deletes_nothing(world, client_for):
    client = client_for("school_admin")
    for typed in ("Nora", "", "Noah Bennett"):
        page = client.post(url(world.focus_student), {"first_name": typed})
        assert page.status_code == 200
        text = page.content.decode()
        assert "That is not the student&#x27;s first name" in text or "This field is required" in text
    noah = Student.objects.get(pk=world.focus_student.pk)
    assert noah.first_name == "Noah" and noah.anonymised_at is None
    assert IEPGoal.objects.filter(student=noah).exists()


def test_the_right_name_deletes_the_data_at_once_and_logs_it(world, client_for):
    client = client_for("school_admin")
    response = client.post(url(world.focus_student), {"first_name": "  noah "}, follow=True)
    text = response.content.decode()
    assert "The student&#x27;s data was deleted." in text
    noah = Student.objects.get(pk=world.focus_student.pk)
    assert noah.full_name == f"Former student {noah.pk}" and noah.anonymised_at is not None
    assert f"Former student {noah.pk}" in text
    assert not IEPGoal.objects.filter(student=noah).exists()
    entry = AccessLogEntry.objects.get(student=noah, action=AccessLogEntry.Action.CHANGE)
    assert entry.what == "anonymised: deleted at the school's request"
    assert entry.user == world.user("school_admin")
    # Asking again changes nothing and says so.
    again = client.post(url(noah), {"first_name": "Former student"}, follow=True)
    assert "already deleted" in again.content.decode()
    assert AccessLogEntry.objects.filter(student=noah, action=AccessLogEntry.Action.CHANGE).count() == 1
