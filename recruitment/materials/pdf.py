"""Brochure and poster PDFs, printed by WeasyPrint from the same HTML as the print-preview page.

WeasyPrint is imported inside ``render_pdf`` so the site starts (and every other page works) on a machine without
Pango. Its ``url_fetcher`` serves our own static and media files from disk and data URIs (the QR code); anything
else, in particular any network address, is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

# The fetcher lives in the core app, shared by every PDF the site prints (the student record bundle too).
from schools.pdf_fetcher import url_fetcher

from . import qr

TEMPLATES = {
    "brochure": "recruitment/materials/brochure.html",
    "poster": "recruitment/materials/poster.html",
}


def material_html(
    *, content: dict, kind: str, paper: str, preview: bool = False, back_url: str = "", address_mismatch=None
) -> str:
    """The HTML of a brochure or poster: the PDF prints it; the print-preview page shows it (with a way back, and
    a warning when the QR code leads elsewhere than the site in use)."""
    context = {
        "address_mismatch": address_mismatch if preview else None,
        **content,
        "kind": kind,
        "paper": paper,
        "preview": preview,
        "back_url": back_url,
        "qr_data_uri": qr.qr_svg_data_uri(content["form_url"]),
        "short_link": content["form_url"].split("://", 1)[-1],
    }
    return render_to_string(TEMPLATES[kind], context)


def render_pdf(*, content: dict, kind: str, paper: str) -> bytes:
    from weasyprint import HTML

    html = material_html(content=content, kind=kind, paper=paper)
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=url_fetcher()).write_pdf()
