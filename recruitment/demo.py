"""Demo recruitment for seed_demo: campaigns, then applications, nominations and consents, then matches."""

from .applying import demo as applying_demo
from .campaigns import demo as campaign_demo
from .matching import demo as matching_demo


def seed(*, password: str) -> str:
    return "; ".join(part for part in (campaign_demo.seed(), applying_demo.seed(), matching_demo.seed()) if part)
