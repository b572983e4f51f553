"""Two coordinators accept the same application (or two applications of one child) at the same moment: one
acceptance, one roster record, one participation; the second coordinator is told why. On the real PostgreSQL, two
connections."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import ProgramParticipant
from recruitment.campaigns import services
from recruitment.models import PeerApplication
from schools.models import Student
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser
from tests.recruitment.factories import GuardianConsentFactory, PeerApplicationFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_coordinators_accepting_one_application_accept_it_once(world, east, monkeypatch):
    require_postgresql()
    application = east.application
    GuardianConsentFactory(application=application, status="consented")
    # Whoever gets the application's row lock first takes a moment over the consent check: without the lock, the
    # other coordinator would be checking the same still-submitted application meanwhile.
    slowed(monkeypatch, services, "consent_problem")
    coordinator, principal = world.user("coordinator"), world.user("school_admin")

    outcomes = at_once(
        lambda: services.application_accept(application=application, decided_by=coordinator),
        lambda: services.application_accept(application=application, decided_by=principal),
    )

    won, lost = winner_and_loser(outcomes)
    assert isinstance(lost.error, ValidationError), lost.error
    first = won.value.decided_by
    assert lost.error.messages == [
        f"{first.display_name} has already made this decision: Maya Chen's application is “Accepted”."
    ]
    application = PeerApplication.objects.get(pk=application.pk)
    assert application.status == "accepted" and application.decided_by == first
    assert Student.objects.filter(school=world.school, first_name="Maya", last_name="Chen").count() == 1
    program = east.campaign.program
    assert ProgramParticipant.objects.filter(program=program, student=application.student).count() == 1


def test_two_applications_of_one_child_accepted_at_once_put_the_child_on_the_roster_once(world, east, monkeypatch):
    require_postgresql()
    # Maya sent the form twice, and a reviewer kept the second as "another child" (no duplicate mark left).
    applications = [
        east.application,
        PeerApplicationFactory(campaign=east.campaign, first_name="Maya", last_name="Chen", grade=4),
    ]
    for application in applications:
        GuardianConsentFactory(application=application, status="consented")
    slowed(monkeypatch, services, "consent_problem")

    won, lost = winner_and_loser(
        at_once(
            lambda: services.application_accept(application=applications[0], decided_by=world.user("coordinator")),
            lambda: services.application_accept(application=applications[1], decided_by=world.user("school_admin")),
        )
    )

    assert isinstance(lost.error, ValidationError), lost.error
    assert lost.error.messages == [
        "Maya Chen is already accepted in this campaign through another application. The roster has one peer with "
        "this name and grade, so accepting this one too would count them twice."
    ]
    students = Student.objects.filter(school=world.school, first_name="Maya", last_name="Chen")
    assert list(students) == [won.value.student]
    assert ProgramParticipant.objects.filter(program=east.campaign.program, student=won.value.student).count() == 1
    assert PeerApplication.objects.filter(campaign=east.campaign, status="accepted").count() == 1


# One connection is enough here: the test's own transaction, rolled back (faster than a flush).
@pytest.mark.django_db
def test_the_database_refuses_a_peer_accepted_twice_in_one_campaign(world, east):
    require_postgresql()
    peer = world.peer_student
    PeerApplicationFactory(campaign=east.campaign, first_name="Sofia", status="accepted", student=peer)
    second = PeerApplicationFactory(campaign=east.campaign, first_name="Sofia")
    # Past the services' check: the constraint still refuses it.
    with pytest.raises(IntegrityError, match="application_peer_accepted_once_per_campaign"), transaction.atomic():
        PeerApplication.objects.filter(pk=second.pk).update(status="accepted", student=peer)
    assert PeerApplication.objects.filter(campaign=east.campaign, student=peer).count() == 1
