"""Live counts of applications by "how did you hear about us?", and list pages whose queries do not grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.campaigns import selectors
from recruitment.models import PeerApplication
from tests.programs.factories import ProgramFactory
from tests.recruitment.factories import CampaignChannelFactory, CampaignFactory, PeerApplicationFactory


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_counts_by_channel_in_one_query(east, django_assert_num_queries):
    PeerApplicationFactory.create_batch(2, campaign=east.campaign, heard_via="announcements")
    PeerApplicationFactory(campaign=east.campaign, heard_via="friend")
    PeerApplicationFactory(campaign=east.campaign, heard_via="friend", status=PeerApplication.Status.WITHDRAWN)
    with django_assert_num_queries(1):
        rows = selectors.counts_by_channel(campaign=east.campaign)
    counts = {row["channel"]: row["count"] for row in rows}
    assert counts["announcements"] == 2 and counts["friend"] == 1 and counts["posters"] == 1
    assert counts["flyers"] == 0 and len(rows) == 9


def test_the_campaign_page_shows_target_and_counts(client_for, east):
    PeerApplicationFactory(campaign=east.campaign, heard_via="class_presentations")
    html = client_for("staff").get(reverse("recruitment:campaign_detail", args=[east.campaign.pk])).content.decode()
    assert "2 applications so far for a target of 10 peers." in html
    assert 'data-channel="class_presentations">1<' in html
    assert f"/join/{east.campaign.pk}/" in html


def test_the_campaign_list_does_not_grow_with_campaigns(client_for, world, east):
    client = client_for("coordinator")
    few = queries_for(client, reverse("recruitment:campaign_list"))
    for index in range(5):
        campaign = CampaignFactory(program=ProgramFactory(school=world.school, name=f"Club {index}"), term=world.term)
        CampaignChannelFactory(campaign=campaign, owner=world.user("staff"))
        PeerApplicationFactory.create_batch(2, campaign=campaign)
    assert queries_for(client, reverse("recruitment:campaign_list")) == few


def test_the_review_queue_does_not_grow_with_applications(client_for, east):
    client = client_for("coordinator")
    url = reverse("recruitment:review_queue", args=[east.campaign.pk])
    few = queries_for(client, url)
    PeerApplicationFactory.create_batch(8, campaign=east.campaign)
    assert queries_for(client, url) == few
    assert queries_for(client, url + "?status=submitted&order=-score") == few


def test_the_campaign_page_does_not_grow_with_channels(client_for, east):
    client = client_for("coordinator")
    url = reverse("recruitment:campaign_detail", args=[east.campaign.pk])
    few = queries_for(client, url)
    for channel in ("flyers", "web_page", "announcements"):
        CampaignChannelFactory(campaign=east.campaign, channel=channel, owner=east.channel.owner)
    PeerApplicationFactory.create_batch(4, campaign=east.campaign)
    assert queries_for(client, url) == few


def test_other_schools_campaigns_are_not_listed(client_for, world, east):
    html = client_for("other_coordinator").get(reverse("recruitment:campaign_list")).content.decode()
    assert east.campaign.program.name not in html


def test_the_list_shows_one_programs_campaigns(client_for, world, east):
    other = CampaignFactory(program=ProgramFactory(school=world.school, name="Lunch Bunch"), term=world.term)
    client = client_for("staff")
    listed = client.get(reverse("recruitment:campaign_list") + f"?program={other.program_id}").context["campaigns"]
    assert list(listed) == [other]
    foreign = ProgramFactory(school=world.other_school)
    assert client.get(reverse("recruitment:campaign_list") + f"?program={foreign.pk}").status_code == 404
