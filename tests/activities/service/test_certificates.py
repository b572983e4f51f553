"""The certificate of hours (a PDF through the shared renderer: approved hours only, the school and program, a
signature line for the coordinator) for a peer from their page and for staff in bulk, laid out cleanly with short
and long texts; and the CSV in the shape schools send to their SIS, through the spreadsheet module."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.service import selectors
from tests.activities.factories import ServiceHoursFactory, east_service
from tests.recruitment.materials.pdf_layout import layout_faults, page_count, page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("weasyprint_ready")]

LONG = (
    "Peer partner programs are a formal way of creating additional avenues through which students with and "
    "without disabilities can spend time together across school settings; we sorted, stacked and delivered boxes. "
) * 3


@pytest.fixture
def east(world):
    objects = east_service(world)
    world.peer_student.source_id = "SIS-1042"
    world.peer_student.save()
    return objects


def certificates_url(east, world):
    return reverse("activities:hours_certificates", kwargs={"pk": east.program.pk, "term_pk": world.term.pk})


def test_the_peers_certificate_holds_approved_hours_only(client_for, world, east):
    response = client_for("peer").get(reverse("activities:my_certificate", kwargs={"term_pk": world.term.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = page_text(response.content)
    for words in (
        "Certificate of service hours",
        world.school.name,
        east.program.name,
        "Sofia Ramirez",
        # The partner is named once (the title already names it), and what was done says where it comes from.
        "Food drive for Riverside Food Bank Took part in the project's session (from attendance)",
        "Total approved hours 1.50",
        "Program coordinator",
        "Signature and date",
    ):
        assert words in text, words
    assert "Sorted cans" not in text  # the claim still waits for approval
    assert "Noah" not in text
    assert "(Riverside Food Bank)" not in text
    assert layout_faults(response.content) == []


def test_a_peer_without_approved_hours_in_a_term_gets_not_found(client_for, world, east):
    east.approved[0].approval = "declined"
    east.approved[0].save()
    response = client_for("peer").get(reverse("activities:my_certificate", kwargs={"term_pk": world.term.pk}))
    assert response.status_code == 404


def test_staff_print_a_page_per_student_with_long_texts_and_many_entries(client_for, world, east):
    for day in range(40):
        ServiceHoursFactory(
            program=east.program,
            term=world.term,
            student=world.peer_student,
            date=world.term.start_date + datetime.timedelta(days=day % 20),
            description=LONG[:500],
            hours="2.75",
            approval="approved",
            verification="confirmed",
        )
    response = client_for("coordinator").get(certificates_url(east, world))
    assert response.status_code == 200
    pdf = response.content
    text = page_text(pdf)
    assert "Sofia Ramirez" in text and "Noah Bennett" in text
    assert f"Total approved hours {Decimal('1.50') + 40 * Decimal('2.75')}" in text
    assert page_count(pdf) >= 3  # Sofia's long list runs over pages; Noah starts his own
    assert layout_faults(pdf) == []


def test_certificates_with_nothing_approved_send_the_coordinator_back(client_for, world, east):
    for entry in east.approved:
        entry.approval = "pending"
        entry.save()
    response = client_for("coordinator").get(certificates_url(east, world), follow=True)
    assert "No approved hours in this program and term yet" in response.content.decode()


def test_the_sis_csv_has_one_row_per_approved_entry_with_hostile_text_neutralised(client_for, world, east):
    confirmed = ServiceHoursFactory(
        program=east.program,
        term=world.term,
        student=world.peer_student,
        date=datetime.date(2026, 11, 2)
        if world.term.start_date <= datetime.date(2026, 11, 2)
        else world.term.start_date,
        description='=HYPERLINK("http://evil","x")',
        verifier_name="+Coach Lee",
        hours="3.00",
        verification="changed",
        verified_hours="2.50",
        approval="approved",
        decided_by=world.user("coordinator"),
        decided_at=timezone.now(),
    )
    response = client_for("coordinator").get(
        reverse("activities:hours_export", kwargs={"pk": east.program.pk, "term_pk": world.term.pk})
    )
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == selectors.SIS_HEADER
    body = rows[1:]
    assert len(body) == 3  # Sofia's two approved entries and Noah's; the pending claim is not there
    row = next(r for r in body if r[7].startswith("'=HYPERLINK"))
    assert row[:6] == [
        "SIS-1042",
        "Ramirez",
        "Sofia",
        str(world.peer_student.grade),
        confirmed.date.isoformat(),
        "2.50",
    ]
    assert row[6] == "Outside school"
    assert row[8] == "'+Coach Lee"  # formula injection neutralised
    assert row[9] == world.user("coordinator").display_name
    assert row[10] == timezone.localdate().isoformat()
    attendance = next(r for r in body if r[2] == "Noah")
    assert attendance[6] == "Food drive for Riverside Food Bank" and attendance[8] == "Attendance"


def test_the_partner_is_named_after_a_title_that_does_not_name_it(east):
    from activities.service.selectors import what_and_where

    entry = east.approved[0]
    entry.activity.title = "Saturday sort"
    assert what_and_where(entry) == "Saturday sort (Riverside Food Bank)"
