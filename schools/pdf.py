"""The one PDF renderer: every report the site prints (recruitment materials, the student record bundle, the reports
to come) renders a template to HTML and prints it here, with the fetcher that loads only our own files.

WeasyPrint is imported inside ``render_pdf`` so the site starts (and every other page works) on a machine without
Pango.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from .pdf_fetcher import url_fetcher


def render_pdf(*, template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """The PDF of ``template_name`` rendered with ``context``. Relative URLs resolve against ``base_url`` (the site's
    address by default) and every URL is loaded by ``pdf_fetcher.url_fetcher``: our static and media files and data
    URIs, never the network."""
    from weasyprint import HTML  # loaded on first use: WeasyPrint and Pango are heavy, most requests print nothing

    html = render_to_string(template_name, context)
    base_url = settings.SITE_URL + "/" if base_url is None else base_url
    return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher()).write_pdf()
