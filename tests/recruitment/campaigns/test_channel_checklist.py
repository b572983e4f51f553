"""The channels of a campaign as a checklist: add, change, tick done; owners are staff of the school."""

import datetime

from django.urls import reverse

from recruitment.models import CampaignChannel
from tests.schools.factories import MembershipFactory, UserFactory

from .conftest import form_errors


def add(client, campaign, **data):
    return client.post(reverse("recruitment:channel_add", args=[campaign.pk]), data)


def test_coordinator_plans_a_channel_with_an_owner(client_for, world, east):
    response = add(client_for("coordinator"), east.campaign, channel="announcements",
                   owner=world.user("staff").pk, planned_on="2026-12-01", notes="Monday and Wednesday")
    assert response.status_code == 302
    channel = CampaignChannel.objects.get(campaign=east.campaign, channel="announcements")
    assert channel.owner == world.user("staff") and channel.planned_on == datetime.date(2026, 12, 1)
    page = client_for("staff").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk]))
    assert "Morning announcements" in page.content.decode() and "Monday and Wednesday" in page.content.decode()


def test_an_owner_of_another_school_is_refused(client_for, world, east):
    outsider = MembershipFactory(school=world.other_school, user=UserFactory()).user
    response = add(client_for("coordinator"), east.campaign, channel="flyers", owner=outsider.pk)
    assert "Choose a staff member of your school from the list." in form_errors(response)
    assert not CampaignChannel.objects.filter(channel="flyers").exists()


def test_a_channel_twice_or_an_unknown_channel_is_refused(client_for, east):
    client = client_for("coordinator")
    response = add(client, east.campaign, channel="posters")
    assert "already exists" in form_errors(response)
    response = add(client, east.campaign, channel="skywriting")
    assert "Choose a channel from the list." in form_errors(response)
    assert CampaignChannel.objects.count() == 1


def test_done_cannot_be_in_the_future(client_for, east):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    url = reverse("recruitment:channel_edit", args=[east.campaign.pk, east.channel.pk])
    response = client_for("coordinator").post(url, {"channel": "posters", "done_on": tomorrow})
    assert "on a day that has come" in form_errors(response)
    east.channel.refresh_from_db()
    assert east.channel.done_on is None


def test_ticking_a_channel_done(client_for, world, east):
    today = datetime.date.today().isoformat()
    url = reverse("recruitment:channel_edit", args=[east.campaign.pk, east.channel.pk])
    response = client_for("school_admin").post(url, {"channel": "posters", "owner": world.user("coordinator").pk,
                                                     "done_on": today})
    assert response.status_code == 302
    east.channel.refresh_from_db()
    assert east.channel.done_on.isoformat() == today


def test_a_general_educator_cannot_change_the_checklist(client_for, east):
    assert add(client_for("staff"), east.campaign, channel="flyers").status_code == 403
    assert not CampaignChannel.objects.filter(channel="flyers").exists()
