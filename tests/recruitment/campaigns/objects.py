"""East Elementary's recruitment campaign with a channel and an application, for the role matrix and these tests.

Built once per ``world`` (kept on it), on the programs' matrix program, so every row reaches the same objects.
"""

from dataclasses import dataclass

from recruitment.models import RecruitmentCampaign

from ...programs.objects import east_program
from ...recruitment_factories import CampaignChannelFactory, CampaignFactory, PeerApplicationFactory


@dataclass
class CampaignObjects:
    campaign: object
    channel: object
    application: object


def east_campaign(world) -> CampaignObjects:
    cached = getattr(world, "_east_campaign", None)
    if cached is not None:
        return cached
    program = east_program(world).program
    # Another area's objects may have started the same program's campaign for this term already: share it.
    campaign = RecruitmentCampaign.objects.filter(program=program, term=world.term).first() or CampaignFactory(
        program=program, term=world.term
    )
    campaign.target_peers = 10
    campaign.save()
    objects = CampaignObjects(
        campaign=campaign,
        channel=CampaignChannelFactory(campaign=campaign, channel="posters", owner=world.user("coordinator")),
        application=PeerApplicationFactory(campaign=campaign, first_name="Maya", last_name="Chen", grade=4),
    )
    world._east_campaign = objects
    return objects
