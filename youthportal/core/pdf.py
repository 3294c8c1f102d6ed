"""PDF documents with the bundled DejaVu Sans (Latin with ë, ç, č, ć, š, ž, đ and Cyrillic),
made by fpdf2 alone: no browser, no system fonts. Certificates use it now; reports will too.
"""

from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
FAMILY = "DejaVu"


class Document(FPDF):
    """A4 with the portal's font, a footer with page numbers, and the document's language
    and title in its metadata (screen readers and search use them)."""

    def __init__(self, *, title: str, lang: str, orientation: str = "portrait", footer=None):
        super().__init__(orientation=orientation, format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font(FAMILY, size=12)
        self.set_title(title)
        self.set_lang(lang)
        self.set_creator("youthportal")
        self._footer_text = footer
        self.set_auto_page_break(auto=True, margin=18)

    def footer(self):
        if self._footer_text is None:
            return
        self.set_y(-14)
        self.set_font(FAMILY, size=9)
        self.cell(0, 8, self._footer_text(self.page_no()), align="C")

    def output_bytes(self) -> bytes:
        return bytes(self.output())
