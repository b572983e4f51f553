"""Brochure and poster PDFs, printed from the same HTML as the print-preview page.

They are printed by the core renderer (``schools.pdf.render_pdf``), whose ``url_fetcher`` serves our own static and
media files from disk and data URIs (the QR code); anything else, in particular any network address, is refused.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from schools import pdf

from . import qr

TEMPLATES = {
    "brochure": "recruitment/materials/brochure.html",
    "poster": "recruitment/materials/poster.html",
}


def _context(
    *, content: dict, kind: str, paper: str, preview: bool = False, back_url: str = "", address_mismatch=None
) -> dict:
    return {
        "address_mismatch": address_mismatch if preview else None,
        **content,
        "kind": kind,
        "paper": paper,
        "preview": preview,
        "back_url": back_url,
        "qr_data_uri": qr.qr_svg_data_uri(content["form_url"]),
        "short_link": content["form_url"].split("://", 1)[-1],
    }


def material_html(
    *, content: dict, kind: str, paper: str, preview: bool = False, back_url: str = "", address_mismatch=None
) -> str:
    """The HTML of a brochure or poster: the PDF prints it; the print-preview page shows it (with a way back, and
    a warning when the QR code leads elsewhere than the site in use)."""
    context = _context(
        content=content, kind=kind, paper=paper, preview=preview, back_url=back_url, address_mismatch=address_mismatch
    )
    return render_to_string(TEMPLATES[kind], context)


def render_pdf(*, content: dict, kind: str, paper: str) -> bytes:
    return pdf.render_pdf(template_name=TEMPLATES[kind], context=_context(content=content, kind=kind, paper=paper))
