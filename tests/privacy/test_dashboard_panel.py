"""The coordinator's dashboard flags overdue records requests, in words and with a badge, before the others."""

import datetime

import time_machine
from django.urls import reverse

from schools.privacy.models import InspectionRequest

NOW = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)


def file_request(world, name, received_on):
    return InspectionRequest.objects.create(
        school=world.school,
        student=world.focus_student,
        requested_by=name,
        received_on=received_on,
        due_on=received_on + datetime.timedelta(days=45),
    )


@time_machine.travel(NOW, tick=False)
def test_overdue_requests_come_first_and_are_flagged(client_for, world):
    file_request(world, "Recent Parent", datetime.date(2026, 11, 20))
    file_request(world, "Late Parent", datetime.date(2026, 9, 1))
    closed = file_request(world, "Closed Parent", datetime.date(2026, 8, 1))
    InspectionRequest.objects.filter(pk=closed.pk).update(status="fulfilled")
    page = client_for("coordinator").get(reverse("dashboard")).content.decode()
    assert "Records requests" in page
    assert "1 request is past its 45-day due date." in page
    assert "Was due Oct 16, 2026" in page and "Due Jan 4, 2027" in page
    assert page.index("Late Parent") < page.index("Recent Parent")
    assert "Closed Parent" not in page


@time_machine.travel(NOW, tick=False)
def test_the_panel_says_when_nothing_is_open(client_for, world):
    page = client_for("school_admin").get(reverse("dashboard")).content.decode()
    assert "No open records requests." in page and "past its 45-day" not in page


@time_machine.travel(NOW, tick=False)
def test_only_the_coordinator_and_principal_see_the_panel(client_for, world):
    file_request(world, "Late Parent", datetime.date(2026, 9, 1))
    for role in ("staff", "peer", "focus_student", "district_admin"):
        page = client_for(role).get(reverse("dashboard")).content.decode()
        assert "Late Parent" not in page and "records-requests-heading" not in page, role
    # Another school's coordinator has the panel for their own school, without East's requests.
    page = client_for("other_coordinator").get(reverse("dashboard")).content.decode()
    assert "No open records requests." in page and "Late Parent" not in page
