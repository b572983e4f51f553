"""The QR code leads to SITE_URL. When the coordinator uses the site at another address, the materials page and
the print preview say so, with both addresses, before anything is printed."""

import pytest
from django.urls import reverse

WARNING = "Check the address before you print"


def pages(client, campaign):
    list_url = reverse("recruitment:material_list", kwargs={"pk": campaign.pk})
    preview_url = reverse(
        "recruitment:material_preview", kwargs={"pk": campaign.pk, "kind": "poster", "paper": "letter"}
    )
    return [client.get(url).content.decode() for url in (list_url, preview_url)]


def test_a_qr_code_leading_elsewhere_is_announced_with_both_addresses(client_for, campaign, settings):
    settings.SITE_URL = "https://peers.example.org"
    for html in pages(client_for("coordinator"), campaign):
        assert WARNING in html
        assert f"<strong>https://peers.example.org/join/{campaign.pk}/apply/</strong>" in html
        assert f"<strong>testserver/join/{campaign.pk}/apply/</strong>" in html


@pytest.mark.parametrize("site_url", ["http://testserver", "https://TestServer"])
def test_no_warning_when_the_qr_code_leads_to_the_site_in_use(client_for, campaign, settings, site_url):
    # The host decides: behind a proxy an https site may see its requests as http.
    settings.SITE_URL = site_url
    for html in pages(client_for("coordinator"), campaign):
        assert WARNING not in html


def test_the_warning_is_on_the_preview_page_not_in_the_printed_html(campaign, settings):
    from recruitment.materials import pdf, selectors

    settings.SITE_URL = "https://peers.example.org"
    mismatch = selectors.qr_address_mismatch(campaign=campaign, request_host="testserver")
    content = selectors.material_content(campaign=campaign)
    printed = pdf.material_html(content=content, kind="poster", paper="a4", address_mismatch=mismatch)
    assert WARNING not in printed
