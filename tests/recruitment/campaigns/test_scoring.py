"""Scoring an application 0–3 on the guide's qualities, with notes and an interview slot; sorted by total score."""

import pytest
from django.urls import reverse

from recruitment.models import PeerApplication
from tests.recruitment.factories import PeerApplicationFactory

QUALITY_NAMES = [name for name, _label in PeerApplication.QUALITIES]


def score(client, application, **data):
    return client.post(reverse("recruitment:application_score", args=[application.pk]), data)


def test_reviewer_scores_every_quality(client_for, east):
    data = dict.fromkeys(QUALITY_NAMES, "2") | {"score_attendance": "3", "review_notes": "Kind and steady.",
                                                "interview_at": "2026-12-02T14:30"}
    response = score(client_for("coordinator"), east.application, **data)
    assert response.status_code == 302
    east.application.refresh_from_db()
    assert east.application.total_score == 13 and east.application.review_notes == "Kind and steady."
    assert east.application.interview_at is not None


@pytest.mark.parametrize("value", ["4", "-1", "7", "two", "2.5"])
def test_scores_out_of_range_are_refused(client_for, east, value):
    response = score(client_for("coordinator"), east.application, score_attendance=value, review_notes="x")
    assert response.status_code == 200
    assert "Give a score from 0 to 3." in response.content.decode()
    east.application.refresh_from_db()
    assert east.application.score_attendance is None and east.application.review_notes == ""


def test_forged_fields_change_nothing_else(client_for, world, east):
    response = score(client_for("coordinator"), east.application, score_excitement="1", status="accepted",
                     decided_by=world.user("staff").pk, first_name="Someone")
    assert response.status_code == 302
    east.application.refresh_from_db()
    assert east.application.status == "submitted" and east.application.decided_by is None
    assert east.application.first_name == "Maya" and east.application.score_excitement == 1


def test_a_bad_interview_time_is_refused(client_for, east):
    response = score(client_for("coordinator"), east.application, interview_at="next tuesday")
    assert "Enter a date and time" in response.content.decode()


def test_the_queue_sorts_by_score_and_filters_by_status(client_for, east):
    high = PeerApplicationFactory(campaign=east.campaign, first_name="Ana", last_name="High", score_attendance=3,
                                  score_excitement=3)
    PeerApplicationFactory(campaign=east.campaign, first_name="Ben", last_name="Low", score_attendance=1)
    PeerApplicationFactory(campaign=east.campaign, first_name="Cy", last_name="Waiting", status="waitlisted")
    client = client_for("staff")
    url = reverse("recruitment:review_queue", args=[east.campaign.pk])
    names = [a.last_name for a in client.get(url + "?order=-score").context["applications"]]
    assert names[:2] == ["High", "Low"]
    names = [a.last_name for a in client.get(url + "?status=waitlisted").context["applications"]]
    assert names == ["Waiting"]
    assert high.total_score == 6


def test_a_general_educator_cannot_score(client_for, east):
    assert score(client_for("staff"), east.application, score_attendance="3").status_code == 403
    east.application.refresh_from_db()
    assert east.application.score_attendance is None
