"""/join/ and a campaign's public page: open campaigns only, program-level data only, plain words when closed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_join_lists_open_campaigns_by_school(client, campaign, world):
    closed = CampaignFactory(program=ProgramFactory(school=world.school, name="Recess Club"), term=world.term,
                             accepting_applications=False)
    body = client.get(reverse("recruitment:join")).content.decode()
    assert "East Elementary" in body
    assert "Lunch Buddies" in body
    assert closed.program.name not in body


def test_campaigns_outside_their_dates_are_not_listed(client, world):
    today = timezone.localdate()
    CampaignFactory(program=ProgramFactory(school=world.school, name="Not Yet"), term=world.term,
                    opens_on=today + datetime.timedelta(days=3))
    CampaignFactory(program=ProgramFactory(school=world.school, name="Too Late"), term=world.term,
                    closes_on=today - datetime.timedelta(days=1))
    body = client.get(reverse("recruitment:join")).content.decode()
    assert "Not Yet" not in body
    assert "Too Late" not in body


def test_the_campaign_page_tells_what_peers_do(client, campaign):
    body = client.get(reverse("recruitment:join_campaign", kwargs={"pk": campaign.pk})).content.decode()
    assert "Lunch Buddies" in body
    assert "Developing new friendships" in body or "friend" in body.lower()
    assert campaign.what_peers_do in body
    assert campaign.time_commitment in body
    assert reverse("recruitment:apply", kwargs={"pk": campaign.pk}) in body


@pytest.mark.parametrize(
    "change",
    [
        {"accepting_applications": False},
        {"closes_on": datetime.date(2020, 1, 31)},  # the closing date has passed
        {"opens_on": datetime.date(2100, 1, 1)},  # not open yet
    ],
)
@pytest.mark.parametrize("url_name", ["recruitment:join_campaign", "recruitment:apply"])
def test_a_closed_campaign_says_so_and_takes_nothing(client, campaign, application_data, change, url_name):
    for name, value in change.items():
        setattr(campaign, name, value)
    campaign.save()
    url = reverse(url_name, kwargs={"pk": campaign.pk})
    for response in (client.get(url), client.post(url, application_data)):
        assert response.status_code == 200
        assert "Applications are closed" in response.content.decode()
    assert not campaign.applications.filter(first_name="Ava").exists()


@pytest.mark.parametrize("url_name", ["recruitment:join_campaign", "recruitment:apply", "recruitment:apply_thanks"])
def test_an_unknown_campaign_is_not_found(client, url_name):
    assert client.get(reverse(url_name, kwargs={"pk": 999999})).status_code == 404


def test_public_pages_never_show_a_focus_students_data(client, campaign, world):
    student = world.focus_student
    secrets = [student.first_name, student.last_name, student.support_needs, world.iep_goal.goal]
    urls = [
        reverse("recruitment:join"),
        reverse("recruitment:join_campaign", kwargs={"pk": campaign.pk}),
        reverse("recruitment:apply", kwargs={"pk": campaign.pk}),
        reverse("recruitment:apply_thanks", kwargs={"pk": campaign.pk}),
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)


def test_signed_in_people_see_the_same_public_pages(client_for, campaign):
    for role in ("peer", "focus_student", "coordinator", "other_coordinator"):
        response = client_for(role).get(reverse("recruitment:apply", kwargs={"pk": campaign.pk}))
        assert response.status_code == 200
