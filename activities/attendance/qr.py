"""The QR code of an occurrence's check-in page, drawn locally by segno (pure Python, no network)."""

import segno


def qr_svg_data_uri(url: str) -> str:
    """An SVG data URI of ``url``: black on white with the standard quiet zone, sharp at any print size; error
    correction "M" survives a smudge on a printed sheet."""
    return segno.make_qr(url, error="m").svg_data_uri(scale=8, border=4, dark="#000", light="#fff")
