"""Accept, waitlist, decline, and promote from the waiting list: consent, roster record, participant, emails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.models import ProgramParticipant
from recruitment.campaigns import services
from recruitment.models import GuardianConsent
from schools.models import PeerAvailability, Student
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import StudentFactory


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """POST a decision; what the service queues on commit (the email) runs as it would after a real commit."""

    def post(client, application, decision, url_name="recruitment:application_decide"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(url_name, args=[application.pk]), {"decision": decision}, follow=True)

    return post


def page_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def consent(application, **fields):
    return GuardianConsentFactory(application=application, status=GuardianConsent.Status.CONSENTED, **fields)


def test_accepting_without_consent_is_refused_with_a_message(client_for, east, decide):
    response = decide(client_for("coordinator"), east.application, "accept")
    assert "needs a parent or guardian's consent" in page_messages(response)
    east.application.refresh_from_db()
    assert east.application.status == "submitted" and east.application.student is None
    assert not Student.objects.filter(last_name="Chen").exists()


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"status": GuardianConsent.Status.PENDING}, "has not answered yet"),
        ({"status": GuardianConsent.Status.DECLINED}, "did not give consent"),
        ({"valid_until": datetime.date(2020, 6, 30)}, "consent ended on 2020-06-30"),
    ],
)
def test_consent_that_is_not_valid_blocks_accepting(client_for, east, fields, message, decide):
    GuardianConsentFactory(application=east.application, **({"status": "consented"} | fields))
    response = decide(client_for("coordinator"), east.application, "accept")
    assert message in page_messages(response)
    east.application.refresh_from_db()
    assert east.application.status == "submitted"


def test_accepting_puts_the_peer_on_the_roster_and_in_the_program(client_for, world, east, decide):
    application = east.application
    application.email = "maya@student.example.org"
    application.interests = ["art", "music"]
    application.interests_other = "origami"
    application.prior_experience = "My cousin uses a wheelchair."
    application.save()
    application.available_periods.set([world.period])
    consent(application, valid_until=datetime.date.today() + datetime.timedelta(days=200))
    response = decide(client_for("coordinator"), application, "accept")
    assert "is accepted" in page_messages(response)
    application.refresh_from_db()
    student = application.student
    assert application.status == "accepted" and application.decided_by == world.user("coordinator")
    assert application.decided_at is not None
    assert student.kind == Student.Kind.PEER and student.school == world.school and student.grade == 4
    assert student.interests == "Art and drawing, Music and singing, origami"
    assert student.prior_experience == "My cousin uses a wheelchair."
    assert PeerAvailability.objects.filter(student=student, period=world.period).count() == 5
    assert ProgramParticipant.objects.filter(program=east.campaign.program, student=student, status="active").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["maya@student.example.org"]
    assert "Welcome to" in mail.outbox[0].subject and "Great news" in mail.outbox[0].body


def test_accepting_links_an_existing_peer_by_name_and_grade(world, east):
    existing = StudentFactory(school=world.school, first_name="Maya", last_name="Chen", grade=4, interests="Chess")
    east.campaign.requires_guardian_consent = False
    east.campaign.save()
    application = services.application_accept(application=east.application, decided_by=world.user("coordinator"))
    assert application.student == existing
    existing.refresh_from_db()
    assert existing.interests == "Chess"  # the roster is not overwritten
    assert Student.objects.filter(last_name="Chen").count() == 1


def test_waitlist_then_promote(client_for, world, east, decide):
    client = client_for("coordinator")
    east.application.email = "maya@student.example.org"
    east.application.save()
    response = decide(client, east.application, "waitlist")
    assert "waiting list" in page_messages(response)
    east.application.refresh_from_db()
    assert east.application.status == "waitlisted"
    assert "waiting list" in mail.outbox[-1].body
    consent(east.application)
    response = decide(client, east.application, "", url_name="recruitment:application_promote")
    assert "promoted from the waiting list" in page_messages(response)
    east.application.refresh_from_db()
    assert east.application.status == "accepted" and east.application.student is not None
    assert len(mail.outbox) == 2


def test_decline_is_emailed_kindly_and_is_final(client_for, east, decide):
    east.application.email = "maya@student.example.org"
    east.application.save()
    client = client_for("school_admin")
    decide(client, east.application, "decline")
    assert "welcome to apply again" in mail.outbox[0].body
    response = decide(client, east.application, "accept")
    assert "cannot be changed that way" in page_messages(response)
    east.application.refresh_from_db()
    assert east.application.status == "declined"


def test_promoting_needs_a_waitlisted_peer(client_for, east, decide):
    response = client_for("coordinator").post(
        reverse("recruitment:application_promote", args=[east.application.pk]), follow=True
    )
    assert "Only a waitlisted peer can be promoted." in page_messages(response)


def test_no_email_without_an_address_and_a_forged_decision_is_refused(client_for, east, decide):
    client = client_for("coordinator")
    response = decide(client, east.application, "crown")
    assert "Choose a decision from the list." in page_messages(response)
    decide(client, east.application, "waitlist")
    assert mail.outbox == []


def test_a_general_educator_cannot_decide(client_for, east, decide):
    assert decide(client_for("staff"), east.application, "decline").status_code == 403
    east.application.refresh_from_db()
    assert east.application.status == "submitted"


def test_another_schools_coordinator_cannot_decide(client_for, east, decide):
    assert decide(client_for("other_coordinator"), east.application, "decline").status_code == 404


def test_an_application_elsewhere_is_not_found(client_for, world):
    foreign = PeerApplicationFactory(campaign=CampaignFactory(program=ProgramFactory(school=world.other_school)))
    assert client_for("coordinator").get(
        reverse("recruitment:application_detail", args=[foreign.pk])
    ).status_code == 404


def test_a_peer_already_accepted_through_another_application_is_not_accepted_twice(world, east):
    # Maya sent the form twice and a reviewer kept the second as "another child": the roster still has one Maya Chen
    # of grade 4, who is already accepted.
    first = east.application
    consent(first)
    services.application_accept(application=first, decided_by=world.user("coordinator"))
    second = PeerApplicationFactory(campaign=east.campaign, first_name="Maya", last_name="Chen", grade=4)
    consent(second)

    with pytest.raises(ValidationError) as refused:
        services.application_accept(application=second, decided_by=world.user("coordinator"))

    assert refused.value.messages == [
        "Maya Chen is already accepted in this campaign through another application. The roster has one peer with "
        "this name and grade, so accepting this one too would count them twice."
    ]
    second.refresh_from_db()
    assert second.status == "submitted" and second.student is None
