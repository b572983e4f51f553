"""Creating and changing a campaign: every bad input answers with a clear message and saves nothing."""

import datetime

import pytest
from django.urls import reverse

from recruitment.models import RecruitmentCampaign
from tests.programs.factories import ProgramFactory
from tests.schools.factories import TermFactory

from .conftest import form_errors


def valid_data(the_term, **changes):
    data = {
        "term": the_term.pk, "target_peers": 8, "accepting_applications": "on",
        "opens_on": "", "closes_on": "", "requires_guardian_consent": "on",
        "what_peers_do": "Lunch together.", "time_commitment": "One lunch a week", "how_to_join": "Apply online.",
    }
    data.update(changes)
    return data


@pytest.fixture
def program(world):
    return ProgramFactory(school=world.school, name="Lunch Bunch")


def create_url(program):
    return reverse("recruitment:campaign_create", kwargs={"program_pk": program.pk})


def test_coordinator_starts_a_campaign(client_for, world, program):
    response = client_for("coordinator").post(create_url(program), valid_data(world.term))
    campaign = RecruitmentCampaign.objects.get(program=program)
    assert response.status_code == 302 and response.url == reverse("recruitment:campaign_detail", args=[campaign.pk])
    assert campaign.term == world.term and campaign.target_peers == 8 and campaign.requires_guardian_consent


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"opens_on": "2026-10-10", "closes_on": "2026-10-01"}, "Applications must close after they open."),
        ({"opens_on": "tomorrow"}, "Enter a date such as"),
        ({"closes_on": "2226-10-01"}, "Check the year"),
        ({"target_peers": "-3"}, "Aim for at least one peer."),
        ({"target_peers": "0"}, "Aim for at least one peer."),
        ({"target_peers": "100000"}, "Aim for at most 200 peers"),
        ({"target_peers": "ten"}, "Enter a whole number"),
        ({"term": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_message(client_for, world, program, changes, message):
    response = client_for("coordinator").post(create_url(program), valid_data(world.term, **changes))
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not RecruitmentCampaign.objects.exists()


def test_a_term_of_another_school_is_refused(client_for, world, program):
    foreign = TermFactory(school=world.other_school, name="Putnam Fall")
    response = client_for("coordinator").post(create_url(program), valid_data(foreign))
    assert "Choose a term of your school from the list." in form_errors(response)
    assert not RecruitmentCampaign.objects.exists()


def test_a_second_campaign_for_the_same_term_is_refused(client_for, world, program):
    client = client_for("coordinator")
    client.post(create_url(program), valid_data(world.term))
    response = client.post(create_url(program), valid_data(world.term))
    assert response.status_code == 200
    assert "already exists" in form_errors(response)
    assert RecruitmentCampaign.objects.count() == 1


def test_a_closed_campaign_cannot_be_marked_open(client_for, world, program):
    past = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    response = client_for("coordinator").post(create_url(program), valid_data(world.term, closes_on=past))
    assert "The closing date has passed" in form_errors(response)


def test_editing_keeps_the_saved_campaign_on_bad_input(client_for, world, east):
    url = reverse("recruitment:campaign_update", args=[east.campaign.pk])
    client = client_for("school_admin")
    response = client.post(url, valid_data(world.term, target_peers="-1", time_commitment="Every day"))
    assert response.status_code == 200
    east.campaign.refresh_from_db()
    assert east.campaign.target_peers == 10 and east.campaign.time_commitment != "Every day"
    response = client.post(url, valid_data(world.term, target_peers="14"))
    assert response.status_code == 302
    east.campaign.refresh_from_db()
    assert east.campaign.target_peers == 14


def test_another_schools_program_is_not_found(client_for, world):
    foreign = ProgramFactory(school=world.other_school)
    response = client_for("coordinator").post(create_url(foreign), valid_data(world.term))
    assert response.status_code == 404
    assert not RecruitmentCampaign.objects.exists()


def test_a_general_educator_may_read_but_not_change(client_for, world, east):
    client = client_for("staff")
    assert client.get(reverse("recruitment:campaign_detail", args=[east.campaign.pk])).status_code == 200
    response = client.post(reverse("recruitment:campaign_update", args=[east.campaign.pk]),
                           valid_data(world.term, target_peers="3"))
    assert response.status_code == 403
    east.campaign.refresh_from_db()
    assert east.campaign.target_peers == 10
