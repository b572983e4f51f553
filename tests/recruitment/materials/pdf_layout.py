"""Read a printed PDF back and list what is wrong with its layout, as someone holding the sheet would see it.

pdfium lists a page's objects in the order they are painted. Three faults are found from their boxes:
- text outside the printable part of the page (cut off by the paper's edge or the printer's margin);
- text painted over by a box, a background or an image painted after it (the "How to join" box hiding a line);
- two pieces of text on top of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

# Home and school printers cannot print the outer quarter inch or so; nothing readable may sit there.
PRINTER_MARGIN = 14.0  # points (0.2 in)
# Glyph boxes of one line may touch the next by a hair (descenders, accents); more than this is a real overlap.
TOLERANCE = 1.0  # points


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other: Box) -> bool:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.top, other.top) - max(self.bottom, other.bottom)
        return width > TOLERANCE and height > TOLERANCE


def layout_faults(pdf_bytes: bytes) -> list[str]:
    """Every fault on every page, in words that name the text concerned; empty when the layout is sound."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    faults = []
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            text_page = page.get_textpage()
            painted = []  # (box, text or None for a shape or an image), in painting order
            for item in page.get_objects(max_depth=8):
                if item.type == pdfium_c.FPDF_PAGEOBJ_FORM:
                    continue  # a group: its members are listed on their own
                box = Box(*item.get_bounds())
                if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    words = " ".join(text_page.get_text_bounded(*item.get_bounds()).split())
                    if not words.strip(" •"):
                        continue  # a list bullet or a space: nothing to read
                    painted.append((box, words))
                else:
                    painted.append((box, None))
            texts = [(index, box, words) for index, (box, words) in enumerate(painted) if words is not None]
            for index, box, words in texts:
                if (
                    box.left < PRINTER_MARGIN
                    or box.bottom < PRINTER_MARGIN
                    or box.right > width - PRINTER_MARGIN
                    or box.top > height - PRINTER_MARGIN
                ):
                    faults.append(f"page {number}: {words!r} is outside the printable page")
                for later_box, later_words in painted[index + 1:]:
                    if later_words is None and later_box.overlaps(box):
                        faults.append(f"page {number}: {words!r} is covered by a box painted over it")
                        break
            for position, (_index, box, words) in enumerate(texts):
                for _other_index, other_box, other_words in texts[position + 1:]:
                    if box.overlaps(other_box):
                        faults.append(f"page {number}: {words!r} overlaps {other_words!r}")
            text_page.close()
            page.close()
    finally:
        document.close()
    return faults


def page_count(pdf_bytes: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return len(document)
    finally:
        document.close()


def page_text(pdf_bytes: bytes) -> str:
    """All the words of the PDF, whitespace collapsed (a line break in the PDF is a space here)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        # pdfium reports a hyphen ending a line as U+FFFE (it takes it for a soft hyphen); the link is broken at its
        # own hyphens, so it is a real one.
        return " ".join(" ".join(texts).replace("\ufffe", "-").split())
    finally:
        document.close()
