"""The supervisor's "Attendance to take" panel: today's and the last week's occurrences they supervise with attendance
not taken, linking to the phone page; gone once taken; not shown to peers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.attendance import services

pytestmark = pytest.mark.django_db


def test_the_supervisor_sees_todays_occurrence_until_attendance_is_taken(client_for, lunch, days_ago, world):
    old = days_ago(9)
    recent = days_ago(3)
    cancelled = days_ago(2)
    cancelled.cancelled_at = timezone.now()
    cancelled.save()

    page = client_for("staff").get(reverse("dashboard")).content.decode()

    assert "Attendance to take" in page
    assert reverse("activities:attendance", kwargs={"pk": lunch.today.pk}) in page
    assert reverse("activities:attendance", kwargs={"pk": recent.pk}) in page
    assert reverse("activities:attendance", kwargs={"pk": old.pk}) not in page
    assert reverse("activities:attendance", kwargs={"pk": cancelled.pk}) not in page

    services.attendance_save(occurrence=lunch.today, marks={}, by=world.user("staff"))
    page = client_for("staff").get(reverse("dashboard")).content.decode()
    assert reverse("activities:attendance", kwargs={"pk": lunch.today.pk}) not in page


def test_staff_who_do_not_supervise_it_are_not_prompted(client_for, lunch):
    page = client_for("school_admin").get(reverse("dashboard")).content.decode()
    assert "Attendance to take" in page
    assert reverse("activities:attendance", kwargs={"pk": lunch.today.pk}) not in page


def test_peers_have_no_such_panel(client_for, lunch):
    assert "Attendance to take" not in client_for("peer").get(reverse("dashboard")).content.decode()


def test_the_activity_page_links_to_attendance_qr_and_kiosk(client_for, lunch, world):
    page = client_for("staff").get(reverse("activities:detail", kwargs={"pk": lunch.activity.pk})).content.decode()

    assert reverse("activities:attendance", kwargs={"pk": lunch.today.pk}) in page
    assert reverse("activities:occurrence_qr", kwargs={"pk": lunch.today.pk}) in page
    assert reverse("activities:kiosk_manage", kwargs={"pk": lunch.activity.pk}) in page
