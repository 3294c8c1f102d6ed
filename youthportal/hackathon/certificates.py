"""Participation certificates: one PDF per participant, with the name they choose to print
(screened like every name; nothing is stored)."""

from flask_babel import format_date
from flask_babel import gettext as _

from youthportal.core.i18n import current_locale_code
from youthportal.core.pdf import FAMILY, Document
from youthportal.hackathon.models import Award, AwardKind, Event, Team


def award_line(award: Award, event: Event) -> str:
    if award.kind == AwardKind.OVERALL:
        return _("Place %(place)d of %(title)s", place=award.place, title=event.title)
    if award.kind == AwardKind.CHALLENGE and award.challenge_id:
        challenge = next((c for c in event.challenges if c.id == award.challenge_id), None)
        return _(
            "Best idea for the challenge: %(challenge)s",
            challenge=challenge.title if challenge else "",
        )
    return _("People's choice award")


def certificate(event: Event, team: Team, idea_title: str | None, name: str, awards) -> bytes:
    title = _("Certificate of participation")
    doc = Document(title=title, lang=current_locale_code(), orientation="landscape")
    doc.add_page()
    doc.set_draw_color(30, 90, 160)
    doc.set_line_width(1.2)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.set_y(34)
    doc.set_font(FAMILY, "B", 30)
    doc.cell(0, 16, title, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 14)
    doc.ln(6)
    doc.cell(0, 10, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "B", 26)
    doc.cell(0, 16, name, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 14)
    doc.multi_cell(
        0,
        9,
        _(
            "took part in %(event)s as a member of the team %(team)s.",
            event=event.title,
            team=team.name,
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if idea_title:
        doc.multi_cell(
            0,
            9,
            _("Our idea: %(title)s", title=idea_title),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for award in awards:
        doc.set_font(FAMILY, "B", 16)
        doc.multi_cell(0, 10, award_line(award, event), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font(FAMILY, "", 12)
    doc.set_y(doc.h - 40)
    doc.cell(
        0, 8, format_date(event.results_at.date(), "long"), align="C", new_x="LMARGIN", new_y="NEXT"
    )
    doc.cell(0, 8, _("UneHack for Safety Online"), align="C")
    return doc.output_bytes()
