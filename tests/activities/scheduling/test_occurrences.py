"""Moving or cancelling one day, or the rest of a series: SEQUENCE rises, and the people concerned (placed
participants with a sign-in email, and the supervisors) are told once, saying what changed; sending the same form
again sends nothing more."""

import datetime
import html

import pytest
from django.urls import reverse

from activities.models import Occurrence, Participant
from activities.scheduling import services
from activities.services import occurrences_generate
from schools.outbox.models import OutboxItem
from tests.activities.factories import ActivityFactory, ParticipantFactory

from .conftest import next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(world, setup):
    monday = next_weekday(0)
    activity = ActivityFactory(
        program=setup.program,
        term=world.term,
        title="Lunch bunch",
        repeats="weekly",
        weekdays=[0],
        first_date=monday,
        last_date=monday + datetime.timedelta(days=21),
        place="Cafeteria",
    )
    activity.supervisors.add(setup.coordinator)
    occurrences_generate(activity=activity)
    ParticipantFactory(activity=activity, student=setup.sofia)
    ParticipantFactory(activity=activity, student=setup.mason)  # no sign-in: nobody to email
    ParticipantFactory(activity=activity, student=setup.noah, status=Participant.Status.WAITLISTED)
    return activity


def recipients(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox)


TOLD = ["rachel@east.example.org", "sofia@students.east.example.org"]


def test_moving_one_day_raises_its_sequence_and_tells_each_person_once(
    client_for, series, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = series.occurrences.order_by("date")[1]
    url = reverse("activities:occurrence_change", kwargs={"pk": occurrence.pk})
    new_day = occurrence.date + datetime.timedelta(days=1)
    data = {"date": new_day.isoformat(), "starts_at": "15:00", "ends_at": "15:45", "place": "Gym"}
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)
    assert "The day is changed; 2 people are told." in html.unescape(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)  # sent again: nothing changed, nobody told
    assert "nothing changed, nobody is told" in html.unescape(response.content.decode())

    occurrence.refresh_from_db()
    assert (occurrence.date, occurrence.place, occurrence.is_changed, occurrence.sequence) == (new_day, "Gym", True, 1)
    assert occurrence.series_date != occurrence.date
    assert recipients(mailoutbox) == TOLD
    body = mailoutbox[0].body
    assert "Where: Cafeteria, now Gym" in body and f"{new_day:%A %B %-d}" in body
    # The other days are untouched.
    assert not series.occurrences.exclude(pk=occurrence.pk).filter(is_changed=True).exists()


def test_a_change_in_the_past_or_bad_times_is_refused(client_for, series):
    occurrence = series.occurrences.first()
    url = reverse("activities:occurrence_change", kwargs={"pk": occurrence.pk})
    client = client_for("coordinator")
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    for data, message in [
        ({"date": yesterday, "starts_at": "15:00", "ends_at": "15:45"}, "Choose a day from today on."),
        (
            {"date": occurrence.date.isoformat(), "starts_at": "15:00", "ends_at": "14:00"},
            "It must end after it starts.",
        ),
        ({"date": "soon", "starts_at": "15:00", "ends_at": "16:00"}, "Enter a date such as 2025-09-15."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in html.unescape(response.content.decode())
    occurrence.refresh_from_db()
    assert occurrence.sequence == 0 and not occurrence.is_changed


def test_cancelling_one_day_needs_a_reason_and_tells_once(
    client_for, series, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = series.occurrences.order_by("date")[0]
    url = reverse("activities:occurrence_cancel", kwargs={"pk": occurrence.pk})
    client = client_for("coordinator")
    response = client.post(url, {"which": "one", "reason": "   "})
    assert response.status_code == 400
    assert "Say why it is cancelled" in html.unescape(response.content.decode())
    assert not Occurrence.objects.filter(cancelled_at__isnull=False).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"which": "one", "reason": "Field trip day"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"which": "one", "reason": "Field trip day"}, follow=True)
    assert "This occurrence was cancelled" in html.unescape(response.content.decode())
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled and occurrence.cancel_reason == "Field trip day" and occurrence.sequence == 1
    assert recipients(mailoutbox) == TOLD
    assert "Why: Field trip day" in mailoutbox[0].body
    assert series.occurrences.filter(cancelled_at__isnull=True).count() == 3


def test_cancelling_the_rest_of_the_series_lists_the_days_in_one_email_each(
    client_for, series, mailoutbox, django_capture_on_commit_callbacks
):
    days = list(series.occurrences.order_by("date"))
    url = reverse("activities:occurrence_cancel", kwargs={"pk": days[1].pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(url, {"which": "rest", "reason": "The club ends early"}, follow=True)
    assert "3 days are cancelled; 2 people are told." in html.unescape(response.content.decode())
    assert [o.is_cancelled for o in series.occurrences.order_by("date")] == [False, True, True, True]
    assert recipients(mailoutbox) == TOLD
    assert all(f"{o.date:%A %B %-d}" in mailoutbox[0].body for o in days[1:])
    # Again, from the first day: only the one left is cancelled and told about.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.series_cancel_from(activity=series, day=days[0].date, reason="Over") == (1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.series_cancel_from(activity=series, day=days[0].date, reason="Over") == (0, 0)
    assert recipients(mailoutbox) == TOLD


def test_cancelling_the_whole_activity_keeps_the_past_and_tells_once(
    client_for, world, setup, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.activities.factories import east_activity

    east = east_activity(world)
    url = reverse("activities:cancel", kwargs={"pk": east.activity.pk})
    client = client_for("coordinator")
    assert client.post(url, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Not enough staff this term"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Not enough staff this term"})
    east.activity.refresh_from_db()
    east.past.refresh_from_db()
    east.upcoming.refresh_from_db()
    assert east.activity.is_cancelled and not east.past.is_cancelled and east.upcoming.is_cancelled
    # Sofia and Noah (placed, with sign-in emails) and the two supervisors: once each.
    assert recipients(mailoutbox) == [
        "east.teacher@school.example.org",
        "noah@students.east.example.org",
        "rachel@east.example.org",
        "sofia@students.east.example.org",
    ]
    assert OutboxItem.objects.filter(key__startswith=f"activity-cancelled:{east.activity.pk}:").count() == 4


def test_another_schools_occurrence_is_404(client_for, series):
    occurrence = series.occurrences.first()
    client = client_for("other_coordinator")
    assert client.get(reverse("activities:occurrence_change", kwargs={"pk": occurrence.pk})).status_code == 404
    assert (
        client.post(
            reverse("activities:occurrence_cancel", kwargs={"pk": occurrence.pk}), {"which": "one", "reason": "x"}
        ).status_code
        == 404
    )
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled
