"""The records list pages and the dashboard panel run the same number of queries for one row as for many."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.privacy.models import InspectionRequest
from schools.privacy.services import disclosure_record
from tests.schools.factories import FocusStudentFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, n=8):
    for index in range(n):
        student = FocusStudentFactory(school=world.school, grade=3)
        disclosure_record(
            student=student,
            recipient=f"Office {index}",
            purpose="Report",
            what="A report",
            disclosed_by=world.user("coordinator"),
        )
        received = datetime.date(2026, 1, 1) + datetime.timedelta(days=index * 20)
        InspectionRequest.objects.create(
            school=world.school,
            student=student,
            requested_by=f"Parent {index}",
            received_on=received,
            due_on=received + datetime.timedelta(days=45),
        )


def test_the_records_pages_do_not_grow_with_rows(client_for, world, records, django_assert_max_num_queries):
    client = client_for("coordinator")
    urls = [
        reverse("privacy:disclosures"),
        reverse("privacy:requests"),
        reverse("dashboard"),
        reverse("privacy:disclosures") + f"?student={world.focus_student.pk}",
    ]
    few = [queries_for(client, url) for url in urls]
    grow(world)
    for url, count in zip(urls, few, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
