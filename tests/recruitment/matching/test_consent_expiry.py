"""Expired guardian consent removes a peer from new pairings (the consent rule), with a clear message to the
coordinator; peers who never needed consent are untouched."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment.applying import selectors as consent_rule
from recruitment.matching import services
from recruitment.models import Match
from schools.models import ConsentRecord, Student
from schools.scoping import resolve_access
from tests.programs.factories import ProgramParticipantFactory
from tests.recruitment.factories import CampaignFactory, GuardianConsentFactory, PeerApplicationFactory
from tests.schools.factories import StudentFactory

CHICAGO = ZoneInfo("America/Chicago")


def needs_consent(program, peer, *, valid_until, requires=True):
    """``peer`` was accepted through a campaign of ``program``; the guardian consented until ``valid_until``."""
    campaign = CampaignFactory(program=program, requires_guardian_consent=requires)
    application = PeerApplicationFactory(campaign=campaign, first_name=peer.first_name, status="accepted", student=peer)
    return GuardianConsentFactory(application=application, status="consented", valid_until=valid_until)


def at_school(day: datetime.date, hour: int, minute: int = 0):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CHICAGO), tick=False)


def placeable(world, on):
    peers = Student.objects.filter(school=world.school).peers()
    return set(consent_rule.peers_with_valid_consent(peers, on=on).values_list("first_name", flat=True))


def test_the_rule_follows_the_campaign_and_the_day(world, setup):
    today = datetime.date.today()
    needs_consent(setup.program, setup.harper, valid_until=today)
    needs_consent(setup.program, setup.mason, valid_until=today - datetime.timedelta(days=1), requires=False)
    # Harper's consent is good through its last day; Mason's campaign never asked for one; the rest never applied.
    assert placeable(world, today) == {"Sofia", "Harper", "Mason", "Busy", "Gone"}
    assert placeable(world, today + datetime.timedelta(days=1)) == {"Sofia", "Mason", "Busy", "Gone"}


def test_a_consent_recorded_by_hand_counts(world, setup):
    today = datetime.date.today()
    needs_consent(setup.program, setup.harper, valid_until=today - datetime.timedelta(days=10))
    assert "Harper" not in placeable(world, today)
    ConsentRecord.objects.create(
        school=world.school,
        student=setup.harper,
        scope=ConsentRecord.Scope.PARTICIPATION,
        given_by="Pat",
        given_on=today,
        expires_on=today + datetime.timedelta(days=200),
    )
    assert "Harper" in placeable(world, today)


def test_expired_peer_is_left_out_of_proposals_from_the_next_school_day(world, setup):
    last_day = datetime.date.today() + datetime.timedelta(days=1)
    needs_consent(setup.program, setup.harper, valid_until=last_day)
    coordinator = world.user("coordinator")
    with at_school(last_day, 23, 30):
        services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
        assert Match.objects.filter(peer=setup.harper).exists()
    with at_school(last_day + datetime.timedelta(days=1), 0, 30):
        services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
        assert not Match.objects.filter(peer=setup.harper).exists()
        assert Match.objects.filter(peer=setup.sofia).exists()


def test_confirming_and_pairing_an_expired_peer_is_refused_with_the_reason(world, setup):
    coordinator = world.user("coordinator")
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    proposal = Match.objects.get(peer=setup.harper)
    needs_consent(setup.program, setup.harper, valid_until=datetime.date.today() - datetime.timedelta(days=1))
    result = services.matches_confirm(program=setup.program, term=setup.term, by=coordinator, match=proposal)
    assert result.count == 0
    assert "Harper's parent or guardian consent has expired" in result.refused[0]
    proposal.refresh_from_db()
    assert proposal.status == Match.Status.PROPOSED
    proposal.delete()
    with pytest.raises(ValidationError) as error:
        services.match_add(
            access=resolve_access(coordinator, world.school.pk),
            program=setup.program,
            term=setup.term,
            focus_student=setup.lily,
            peer=setup.harper,
            reveal_avoid=True,
        )
    assert "consent has expired" in " ".join(error.value.messages)


def test_confirmed_pairings_stay_when_consent_runs_out(world, setup):
    coordinator = world.user("coordinator")
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    services.matches_confirm(program=setup.program, term=setup.term, by=coordinator)
    needs_consent(setup.program, setup.harper, valid_until=datetime.date.today() - datetime.timedelta(days=1))
    services.matches_propose(program=setup.program, term=setup.term, by=coordinator)
    assert Match.objects.get(peer=setup.harper).status == Match.Status.CONFIRMED


def test_matching_page_names_who_was_left_out_and_why(world, setup, client_for):
    consent = needs_consent(setup.program, setup.harper, valid_until=datetime.date(2025, 6, 30))
    consent.renewal_requested_at = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
    consent.save()
    page = client_for("coordinator").get(reverse("recruitment:matching", kwargs={"pk": setup.program.pk}))
    text = " ".join(html.unescape(page.content.decode()).split())
    assert "1 peer is left out of new pairings: their guardian's consent has expired" in text
    assert setup.harper.full_name in text
    assert "consent ended Jun 30, 2025" in text
    assert "renewal asked for on Jun 1, 2025, no answer yet" in text


def test_matching_page_says_nothing_when_everyone_may_take_part(world, setup, client_for):
    page = client_for("coordinator").get(reverse("recruitment:matching", kwargs={"pk": setup.program.pk}))
    assert "left out of new pairings" not in page.content.decode()


def test_matching_page_queries_do_not_grow_with_left_out_peers(world, setup, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    expired = datetime.date.today() - datetime.timedelta(days=1)
    needs_consent(setup.program, setup.harper, valid_until=expired)
    client = client_for("coordinator")
    url = reverse("recruitment:matching", kwargs={"pk": setup.program.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(5):
        peer = StudentFactory(school=world.school, first_name=f"Late{number}")
        ProgramParticipantFactory(program=setup.program, student=peer)
        needs_consent(setup.program, peer, valid_until=expired)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert "6 peers are left out of new pairings" in html.unescape(page.content.decode())
