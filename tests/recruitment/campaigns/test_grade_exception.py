"""Accepting a peer whose grade is not one of the program's (Peer to Peer is for grades 3 to 5) needs a stated
reason, which is stored and shown on the review page; a peer in the program's grades is accepted as before."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment.campaigns import services
from schools.models import Student

pytestmark = pytest.mark.django_db


@pytest.fixture
def grade_one(east):
    """Maya in grade 1, on a campaign that needs no consent (the grade is the only obstacle)."""
    east.campaign.requires_guardian_consent = False
    east.campaign.save()
    east.application.grade = 1
    east.application.save()
    return east.application


def decide(client, application, data, url_name="recruitment:application_decide"):
    return client.post(reverse(url_name, args=[application.pk]), data, follow=True)


def page_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_review_page_says_the_grade_is_outside_and_asks_why(client_for, grade_one):
    page = client_for("coordinator").get(reverse("recruitment:application_detail", args=[grade_one.pk]))
    html = page.content.decode()
    assert "Maya is in Grade 1, and Peer to Peer is for Grade 3 to Grade 5. To accept them anyway, say why." in html
    assert 'name="grade_reason"' in html


def test_a_peer_in_the_programs_grades_is_not_asked_for_a_reason(client_for, east):
    page = client_for("coordinator").get(reverse("recruitment:application_detail", args=[east.application.pk]))
    assert 'name="grade_reason"' not in page.content.decode()
    assert services.grade_problem(east.application) is None


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_accepting_outside_the_grades_without_a_reason_is_refused(client_for, grade_one, reason):
    response = decide(client_for("coordinator"), grade_one, {"decision": "accept", "grade_reason": reason})
    assert "To accept them anyway, say why." in page_messages(response)
    grade_one.refresh_from_db()
    assert grade_one.status == "submitted" and grade_one.student is None and grade_one.grade_exception_reason == ""
    assert not Student.objects.filter(last_name="Chen").exists()


def test_accepting_outside_the_grades_with_a_reason_stores_and_shows_it(client_for, grade_one):
    reason = "Her older brother is in the program and she eats lunch with the group already."
    response = decide(client_for("coordinator"), grade_one, {"decision": "accept", "grade_reason": f"  {reason} "})
    assert "is accepted" in page_messages(response)
    grade_one.refresh_from_db()
    assert grade_one.status == "accepted" and grade_one.grade_exception_reason == reason
    html = response.content.decode()
    assert "Accepted outside the program's grades because" in html and reason in html


def test_waitlisting_or_declining_needs_no_reason(client_for, grade_one):
    client = client_for("coordinator")
    decide(client, grade_one, {"decision": "waitlist"})
    grade_one.refresh_from_db()
    assert grade_one.status == "waitlisted"


def test_promoting_from_the_waiting_list_needs_the_reason_too(client_for, grade_one):
    client = client_for("coordinator")
    decide(client, grade_one, {"decision": "waitlist"})
    response = decide(client, grade_one, {}, url_name="recruitment:application_promote")
    assert "To accept them anyway, say why." in page_messages(response)
    grade_one.refresh_from_db()
    assert grade_one.status == "waitlisted"
    reason = "A place is free and her teacher asked."
    decide(client, grade_one, {"grade_reason": reason}, url_name="recruitment:application_promote")
    grade_one.refresh_from_db()
    assert grade_one.status == "accepted" and grade_one.grade_exception_reason == reason


def test_an_oversized_reason_is_refused_without_a_server_error(client_for, grade_one):
    response = decide(client_for("coordinator"), grade_one, {"decision": "accept", "grade_reason": "x" * 4001})
    assert response.status_code == 200
    assert "Keep the reason under 4000 characters." in page_messages(response)
    grade_one.refresh_from_db()
    assert grade_one.status == "submitted"


def test_the_service_refuses_without_a_reason(world, grade_one):
    with pytest.raises(ValidationError) as refused:
        services.application_accept(application=grade_one, decided_by=world.user("coordinator"))
    assert "grade_reason" in refused.value.message_dict


def test_the_review_queue_marks_an_applicant_outside_the_grades(client_for, east, grade_one):
    page = client_for("coordinator").get(reverse("recruitment:review_queue", args=[east.campaign.pk]))
    assert page.content.decode().count("Not the program's grades") == 1
    grade_one.grade = 4
    grade_one.save()
    page = client_for("coordinator").get(reverse("recruitment:review_queue", args=[east.campaign.pk]))
    assert "Not the program's grades" not in page.content.decode()
