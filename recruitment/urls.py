"""Recruitment URLs, one module per area: public applying (/join/, /consent/), campaigns and review, matching,
and printed materials. Public pages take no school from the session; staff pages are scoped as everywhere."""

from .applying import urls as applying_urls
from .campaigns import urls as campaign_urls
from .matching import urls as matching_urls
from .materials import urls as material_urls

app_name = "recruitment"

urlpatterns = [
    *applying_urls.urlpatterns,
    *campaign_urls.urlpatterns,
    *matching_urls.urlpatterns,
    *material_urls.urlpatterns,
]
