"""What an adopted version shows the world: its sections rendered with numbered
recommendations, a table of contents, and its credits. No personal data: authors appear by
display name and age band only, or as "the Youth Parliament" when the cohort chose so; a
deleted account shows as a former member."""

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from youthportal.accounts.ages import user_age_band
from youthportal.accounts.models import User
from youthportal.extensions import db
from youthportal.reports import render
from youthportal.reports.models import Report, Version
from youthportal.safety.models import ModerationStatus


@dataclass
class Part:
    index: int
    anchor: str
    title: str
    html: Markup
    body: str
    sources: list


def parts(version: Version) -> list[Part]:
    numbering = render.Numbering()
    word = _("Recommendation")
    return [
        Part(
            index=i,
            anchor=f"section-{i + 1}",
            title=section["title"],
            html=render.section_html(section["body"], numbering, word),
            body=section["body"],
            sources=section.get("sources") or [],
        )
        for i, section in enumerate(version.sections)
    ]


def credits(version: Version) -> list[str]:
    """ "Name (age 13-15)" for each co-author, or the Youth Parliament as a whole."""
    if version.credit_collectively:
        return [_("The Youth Parliament")]
    found = {
        user.id: user
        for user in db.session.scalars(select(User).where(User.id.in_(version.author_ids or [])))
    }
    out = []
    for user_id in version.author_ids or []:
        user = found.get(user_id)
        if user is None or user.is_deleted:
            out.append(_("Former member"))
            continue
        band = user_age_band(user)
        out.append(
            _("%(name)s (age %(band)s)", name=user.display_name, band=band)
            if band
            else user.display_name
        )
    return out


def adopted_stmt(topic_id: int | None = None):
    """The newest adopted version of each report, newest first."""
    newest = (
        select(Version.report_id, db.func.max(Version.number).label("number"))
        .where(Version.status == ModerationStatus.PUBLISHED)
        .group_by(Version.report_id)
        .subquery()
    )
    stmt = (
        select(Version)
        .join(
            newest, (newest.c.report_id == Version.report_id) & (newest.c.number == Version.number)
        )
        .where(Version.status == ModerationStatus.PUBLISHED)
    )
    if topic_id:
        stmt = stmt.where(Version.topic_id == topic_id)
    return stmt.order_by(Version.adopted_at.desc(), Version.id.desc())


def version_of(report: Report, number: int) -> Version | None:
    return db.session.scalar(
        select(Version).where(Version.report_id == report.id, Version.number == number)
    )


def markdown_text(version: Version, url: str) -> str:
    """A plain Markdown file of the adopted text (recommendations numbered)."""
    lines = [f"# {version.title}", ""]
    lines.append(
        _("Adopted by the Youth Parliament, version %(num)d.", num=version.number) + f" {url}"
    )
    lines.append("")
    if version.summary:
        lines += [version.summary, ""]
    number = 1
    for section in version.sections:
        lines += [f"## {section['title']}", ""]
        for block in render.blocks(section["body"]):
            if block.is_recommendation:
                lines.append(f"**{_('Recommendation')} {number}.** {block.text}")
                number += 1
            else:
                lines.append(block.text)
            lines.append("")
    lines.append(_("Authors: %(names)s", names=", ".join(credits(version))))
    return "\n".join(lines).strip() + "\n"
