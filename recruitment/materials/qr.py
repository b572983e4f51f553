"""QR codes for printed materials, drawn locally by segno (pure Python): no network, no native library."""

import segno


def qr_svg_data_uri(url: str) -> str:
    """An SVG data URI of ``url`` as a QR code with the standard quiet zone, black on white for any printer.

    Error correction "M" survives a crease or a smudge on a poster; the SVG stays sharp at any print size.
    """
    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=4, border=4, dark="#000", light="#fff", omitsize=False)
