"""Two coordinators accept the same application at the same moment: one acceptance, one roster record, one
participation; the second coordinator is told who decided first. On the real PostgreSQL, two connections."""

import pytest
from django.core.exceptions import ValidationError

from programs.models import ProgramParticipant
from recruitment.campaigns import services
from recruitment.models import PeerApplication
from schools.models import Student
from tests.concurrency import at_once, require_postgresql, slowed, winner_and_loser
from tests.recruitment.factories import GuardianConsentFactory

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
