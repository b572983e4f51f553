"""East Elementary's open campaign with one nomination and one pending guardian consent, for the role matrix and the
applying tests. Built once per ``world`` (kept on it), so every row of the role matrix reaches the same objects.

The campaign has its own program, so it never meets another area's campaign on the unique (program, term).
"""

from dataclasses import dataclass

from recruitment.applying import tokens

from ...factories import ProgramFactory
from ...recruitment_factories import CampaignFactory, GuardianConsentFactory, NominationFactory, PeerApplicationFactory


@dataclass
class ApplyingObjects:
    campaign: object
    nomination: object
    application: object
    consent: object
    # Liam Chen sent the form again: a possible duplicate of ``application`` for the merge page.
    duplicate: object

    @property
    def consent_link(self) -> str:
        return tokens.sign(self.consent.token, salt=tokens.CONSENT_SALT)


def east_applying(world) -> ApplyingObjects:
    cached = getattr(world, "_east_applying", None)
    if cached is not None:
        return cached
    program = ProgramFactory(school=world.school, name="Lunch Buddies", purposes=["friendships"])
    campaign = CampaignFactory(program=program, term=world.term)
    nomination = NominationFactory(campaign=campaign, nominated_by=world.user("staff"), first_name="Maya",
                                   last_name="Okafor", grade=4)
    application = PeerApplicationFactory(campaign=campaign, first_name="Liam", last_name="Chen", grade=4)
    consent = GuardianConsentFactory(application=application)
    duplicate = PeerApplicationFactory(campaign=campaign, first_name="Liam", last_name="Chen", grade=4,
                                       why_join="I asked again.", possible_duplicate_of=application)
    objects = ApplyingObjects(campaign=campaign, nomination=nomination, application=application, consent=consent,
                              duplicate=duplicate)
    world._east_applying = objects
    return objects


def east_renewal_link(world) -> str:
    """A signed renewal link for a consented, accepted peer of East's campaign (made when its row is requested)."""
    import uuid

    applying = east_applying(world)
    application = PeerApplicationFactory(campaign=applying.campaign, first_name="Ava", last_name="Renew", grade=4,
                                         status="accepted")
    consent = GuardianConsentFactory(application=application, status="consented", renewal_token=uuid.uuid4())
    return tokens.sign(consent.renewal_token, salt=tokens.RENEWAL_SALT)
