"""The demo gives each demo program an open campaign in the current term, with the guide's channels; running it
again changes nothing."""

import pytest

import programs.demo
import schools.demo
from recruitment.campaigns import demo
from recruitment.models import CampaignChannel, RecruitmentCampaign
from schools.dates import school_today
from schools.models import Membership


@pytest.fixture
def seeded(db):
    schools.demo.seed(password="demo-password")
    programs.demo.seed(password="demo-password")
    demo.seed()


def test_each_program_has_an_open_campaign_with_channels(seeded):
    campaigns = list(RecruitmentCampaign.objects.select_related("program__school", "term"))
    assert len(campaigns) == 3
    for campaign in campaigns:
        today = school_today(campaign.program.school)
        assert campaign.is_open(today) and campaign.term.start_date <= today <= campaign.term.end_date
        channels = list(campaign.channels.all())
        assert len(channels) == 7
        assert any(c.done_on for c in channels) and any(c.done_on is None for c in channels)
        for channel in channels:
            assert Membership.objects.filter(user=channel.owner, school=campaign.program.school).exists()


def test_running_it_again_changes_nothing(seeded):
    before = (RecruitmentCampaign.objects.count(), CampaignChannel.objects.count())
    demo.seed()
    assert (RecruitmentCampaign.objects.count(), CampaignChannel.objects.count()) == before
