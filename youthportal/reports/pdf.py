"""The PDF of an adopted version: a cover page, a table of contents with page numbers, the
sections with numbered recommendations, and page numbers in the footer. fpdf2 with the
bundled DejaVu Sans renders Albanian, Serbian/Bosnian Latin and Cyrillic alike."""

from flask_babel import format_date
from flask_babel import gettext as _
from fpdf.enums import XPos, YPos

from youthportal.core.pdf import FAMILY, Document
from youthportal.reports import render
from youthportal.reports.models import Version
from youthportal.reports.publish import credits

NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def _toc(pdf: Document, outline) -> None:
    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(0, 12, _("Contents"), **NEXT_LINE)
    pdf.set_font(FAMILY, size=11)
    entries = [entry for entry in outline if entry.level == 0]
    for index, entry in enumerate(entries):
        if index and index % TOC_PER_PAGE == 0:
            pdf.add_page()
        link = pdf.add_link(page=entry.page_number)
        text = entry.name
        page = str(entry.page_number)
        width = pdf.epw - pdf.get_string_width(page) - 4
        while pdf.get_string_width(text) > width - 6 and len(text) > 4:
            text = text[:-2]
        pdf.cell(width, 8, text, link=link)
        pdf.cell(0, 8, page, align="R", link=link, **NEXT_LINE)


# fpdf2 needs the number of contents pages up front: the contents break pages themselves,
# every TOC_PER_PAGE lines (8 mm each, well inside the page whatever the heading takes).
TOC_PER_PAGE = 25


def toc_pages(entries: int) -> int:
    return max(1, -(-entries // TOC_PER_PAGE))


def _cover(pdf: Document, version: Version, url: str) -> None:
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(FAMILY, "B", 24)
    pdf.multi_cell(0, 12, version.title, align="C", **NEXT_LINE)
    pdf.ln(6)
    pdf.set_font(FAMILY, size=13)
    pdf.multi_cell(0, 8, _("A report of the Youth Parliament"), align="C", **NEXT_LINE)
    pdf.multi_cell(
        0,
        8,
        _(
            "Version %(num)d, adopted on %(date)s",
            num=version.number,
            date=format_date(version.adopted_at, "long"),
        ),
        align="C",
        **NEXT_LINE,
    )
    vote = version.vote or {}
    if vote:
        pdf.multi_cell(
            0,
            8,
            _(
                "Vote: %(yes)d yes, %(no)d no, %(abstain)d abstentions; %(turnout)d of "
                "%(members)d members voted.",
                yes=vote.get("yes", 0),
                no=vote.get("no", 0),
                abstain=vote.get("abstain", 0),
                turnout=vote.get("turnout", 0),
                members=vote.get("members", 0),
            ),
            align="C",
            **NEXT_LINE,
        )
    pdf.ln(8)
    pdf.set_font(FAMILY, size=11)
    pdf.multi_cell(
        0, 7, _("Authors: %(names)s", names=", ".join(credits(version))), align="C", **NEXT_LINE
    )
    pdf.ln(4)
    pdf.multi_cell(0, 7, url, align="C", **NEXT_LINE)
    if version.summary:
        pdf.ln(10)
        pdf.set_font(FAMILY, size=12)
        pdf.multi_cell(0, 7, render.plain_text(version.summary), **NEXT_LINE)


def build(version: Version, url: str, lang: str) -> bytes:
    pdf = Document(
        title=version.title,
        lang=lang,
        footer=lambda n: _("Page %(num)d", num=n),
    )
    _cover(pdf, version, url)
    pdf.add_page()  # the contents start on a page of their own, not below the cover
    pdf.insert_toc_placeholder(_toc, pages=toc_pages(len(version.sections)))
    number = 1
    word = _("Recommendation")
    for index, section in enumerate(version.sections, start=1):
        if index > 1:
            pdf.ln(6)
        title = f"{index}. {section['title']}"
        pdf.start_section(title)
        pdf.set_font(FAMILY, "B", 15)
        pdf.multi_cell(0, 9, title, **NEXT_LINE)
        pdf.ln(2)
        for block in render.blocks(section["body"]):
            if block.is_recommendation:
                pdf.set_font(FAMILY, "B", 11)
                pdf.multi_cell(0, 6, f"{word} {number}", **NEXT_LINE)
                pdf.set_font(FAMILY, size=11)
                pdf.set_x(pdf.l_margin + 6)
                pdf.multi_cell(pdf.epw - 6, 6, render.plain_text(block.text), **NEXT_LINE)
                number += 1
            elif block.text.lstrip().startswith("#"):
                pdf.set_font(FAMILY, "B", 12)
                pdf.multi_cell(0, 7, block.text.lstrip("# ").strip(), **NEXT_LINE)
            else:
                pdf.set_font(FAMILY, size=11)
                pdf.multi_cell(0, 6, render.plain_text(block.text), **NEXT_LINE)
            pdf.ln(2)
        for source in section.get("sources") or []:
            if source.get("title"):
                pdf.set_font(FAMILY, size=9)
                lines = [source["title"], *source.get("summary", [])]
                pdf.multi_cell(0, 5, " · ".join(lines), border=1, **NEXT_LINE)
                pdf.ln(2)
    return pdf.output_bytes()
