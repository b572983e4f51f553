"""The one consent rule: counted on the school's own day (not the server's), and the list of peers who may be placed
(``with_consent_state``) agrees with the check of one application (``application_consent_state``, which the
reviewer's message and accepting use) on every edge."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from recruitment.applying.selectors import (
    ConsentState,
    application_consent_state,
    peers_with_valid_consent,
    with_consent_state,
)
from recruitment.campaigns.services import application_accept, consent_problem
from recruitment.models import GuardianConsent
from schools.dates import school_today
from schools.models import Student
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import StudentFactory

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2026, 3, 10)
# 08:30 UTC on 11 March: already the 11th on the server (UTC, and 03:30 in Chicago, the project's zone), still
# 22:30 on the 10th in Honolulu.
HONOLULU_EVENING = datetime.datetime(2026, 3, 11, 8, 30, tzinfo=datetime.UTC)
# 22:00 UTC on 11 March: noon of the 11th in Honolulu, the day after the consent's last day.
HONOLULU_NEXT_NOON = datetime.datetime(2026, 3, 11, 22, 0, tzinfo=datetime.UTC)


@pytest.fixture
def honolulu(world):
    world.school.time_zone = "Pacific/Honolulu"
    world.school.save()
    return world.school


def consented_peer(school, *, first_name="Kai", valid_until=LAST_DAY, status="consented", accepted=True):
    """A peer accepted (or still under review) through a campaign that asks for consent, and their guardian's
    answer."""
    campaign = CampaignFactory(program=ProgramFactory(school=school), requires_guardian_consent=True)
    peer = StudentFactory(school=school, first_name=first_name) if accepted else None
    application = PeerApplicationFactory(
        campaign=campaign, first_name=first_name, status="accepted" if accepted else "submitted", student=peer
    )
    GuardianConsentFactory(application=application, status=status, valid_until=valid_until)
    return application


def placeable_names(school, on):
    peers = Student.objects.filter(school=school).peers()
    return set(peers_with_valid_consent(peers, on=on).values_list("first_name", flat=True))


def test_a_consent_valid_until_today_at_the_school_counts_when_the_server_is_already_on_the_next_day(honolulu):
    kai = consented_peer(honolulu)
    under_review = consented_peer(honolulu, first_name="Lani", accepted=False)
    with time_machine.travel(HONOLULU_EVENING, tick=False):
        assert timezone.localdate() == LAST_DAY + datetime.timedelta(days=1)  # the server's day has turned
        assert school_today(honolulu) == LAST_DAY
        assert kai.consent.is_valid()
        assert application_consent_state(kai) == ConsentState.VALID
        assert "Kai" in placeable_names(honolulu, school_today(honolulu))
        assert consent_problem(under_review) is None
        accepted = application_accept(application=under_review, decided_by=None)
        assert accepted.status == "accepted"


def test_the_next_morning_at_the_school_the_consent_has_ended(honolulu):
    kai = consented_peer(honolulu)
    under_review = consented_peer(honolulu, first_name="Lani", accepted=False)
    with time_machine.travel(HONOLULU_NEXT_NOON, tick=False):
        assert not kai.consent.is_valid()
        assert application_consent_state(kai) == ConsentState.ENDED
        assert "Kai" not in placeable_names(honolulu, school_today(honolulu))
        message = "The guardian's consent ended on 2026-03-10. Ask for consent again before accepting."
        assert consent_problem(under_review) == message
        with pytest.raises(ValidationError, match="ended on 2026-03-10"):
            application_accept(application=under_review, decided_by=None)


# Each edge: (first name, the guardian's answer, valid until (days from today), counts today?)
EDGES = [
    ("Today", "consented", 0, True),
    ("Yesterday", "consented", -1, False),
    ("Tomorrow", "consented", 1, True),
    ("Open", "consented", None, True),
    ("Declined", "declined", None, False),
    ("Pending", "pending", None, False),
]


def test_the_list_and_the_one_application_check_agree_at_every_edge(world):
    today = school_today(world.school)
    applications = {}
    for name, status, days, _counts in EDGES:
        valid_until = None if days is None else today + datetime.timedelta(days=days)
        applications[name] = consented_peer(world.school, first_name=name, status=status, valid_until=valid_until)
    peers = Student.objects.filter(school=world.school, first_name__in=applications)
    annotated = {peer.first_name: peer for peer in with_consent_state(peers, on=today)}
    in_force = set(GuardianConsent.objects.in_force(today).values_list("application__first_name", flat=True))
    for name, _status, _days, counts in EDGES:
        application = applications[name]
        assert annotated[name].needs_consent, name
        assert annotated[name].has_valid_consent is counts, name
        assert (name in in_force) is counts, name
        assert application.consent.is_valid(today) is counts, name
        assert (application_consent_state(application, on=today) == ConsentState.VALID) is counts, name
        assert (consent_problem(application) is None) is counts, name
    assert placeable_names(world.school, today) >= {"Today", "Tomorrow", "Open"}
    assert not placeable_names(world.school, today) & {"Yesterday", "Declined", "Pending"}
