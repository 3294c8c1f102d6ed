"""Report texts are moderated content: the title and summary, each section revision and
each suggestion. Held text stays visible to the co-authors and the reviewer, marked, and
never reaches readers outside. Each section also has a comment thread (a discussion
subject) whose comments the authors mark resolved."""

import re

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from youthportal.core.permissions import (
    can_write,
    is_report_author,
    reads_report_draft,
    reviews_report,
)
from youthportal.discussions.subjects import SubjectType
from youthportal.discussions.subjects import register as register_subject
from youthportal.extensions import db
from youthportal.reports.models import (
    Recommendation,
    Report,
    Revision,
    RevisionKind,
    Section,
    Suggestion,
    Version,
)
from youthportal.safety.content import ContentKind, plain_status, register
from youthportal.safety.models import ModerationStatus

HIDDEN = (ModerationStatus.HIDDEN, ModerationStatus.REMOVED)


def _split(text: str) -> tuple[str, str]:
    text = text.replace("\r\n", "\n").strip()
    title, _sep, body = text.partition("\n")
    return title.strip()[:160] or "…", body.strip()


# Title and summary ------------------------------------------------------------------------


def _replace_report(report: Report, text: str) -> None:
    report.title, report.summary = _split(text)


register(
    ContentKind(
        name="report",
        model=Report,
        label=_l("Report title and summary"),
        url=lambda r: url_for("reports.detail", report_id=r.id),
        text=lambda r: f"{r.title}\n\n{r.summary}",
        group_id=lambda r: r.cohort_id,
        set_status=plain_status,
        replace_text=_replace_report,
        can_view=reads_report_draft,
    )
)


# Section revisions ------------------------------------------------------------------------


def _section(revision: Revision) -> Section:
    return db.session.get(Section, revision.section_id)


def _report(revision: Revision) -> Report:
    return db.session.get(Report, _section(revision).report_id)


def _revision_status(revision: Revision, status: ModerationStatus) -> None:
    """Keeps the section in step: readers see the newest published text; a hidden newest
    text is replaced by the last published one (as a new revision, so the history stays
    whole and editors' forms notice the change); an adopted version made from a text that
    is now hidden goes to the moderators to check."""
    from youthportal.reports.editing import add_revision

    revision.status = status
    revision.withheld = False  # a moderator has read it
    section = _section(revision)
    is_newest = revision.number == section.revision
    if status in HIDDEN and is_newest:
        last = _last_published(section, below=revision.number)
        add_revision(
            section,
            title=last.title if last else "…",  # never the hidden title
            body=last.body if last else "",
            kind=RevisionKind.MODERATION,
            author_id=None,
            base_number=revision.number,
            note="",
            status=ModerationStatus.PUBLISHED,
        )
    elif is_newest:
        section.status, section.withheld = status, False
    last = _last_published(section)
    section.public_title = last.title if last else ""
    section.public_body = last.body if last else ""
    section.public_revision = last.number if last else 0
    if status in HIDDEN:
        _check_versions(section.report_id)


def _last_published(section: Section, below: int | None = None) -> Revision | None:
    stmt = select(Revision).where(
        Revision.section_id == section.id,
        Revision.status == ModerationStatus.PUBLISHED,
        Revision.withheld.is_(False),
    )
    if below is not None:
        stmt = stmt.where(Revision.number < below)
    return db.session.scalar(stmt.order_by(Revision.number.desc()).limit(1))


def _check_versions(report_id: int) -> None:
    """Hidden text may have been adopted already: the newest version waits for a look."""
    from youthportal.safety.models import ReviewReason
    from youthportal.safety.review import open_item_for, open_review

    version = db.session.scalar(
        select(Version).where(Version.report_id == report_id).order_by(Version.number.desc())
    )
    if version is not None and open_item_for("report_version", version.id) is None:
        open_review(version, reason=ReviewReason.FLAGGED)


def _replace_revision(revision: Revision, text: str) -> None:
    """A moderator's edit replaces the held text in the history too (it may have held a
    child's personal details)."""
    from youthportal.reports.editing import add_revision

    revision.title, revision.body = _split(text)
    section = _section(revision)
    if revision.number == section.revision:
        # Also a new revision, so an editor opened before the edit is stale: its save is
        # merged, and waits for a moderator (it may still hold what was taken out).
        add_revision(
            section,
            title=revision.title,
            body=revision.body,
            kind=RevisionKind.MODERATION,
            author_id=None,
            base_number=revision.number,
            note="",
            status=ModerationStatus.PUBLISHED,
        )


register(
    ContentKind(
        name="report_revision",
        model=Revision,
        label=_l("Report section"),
        url=lambda r: url_for(
            "reports.section", report_id=_section(r).report_id, section_id=r.section_id
        ),
        text=lambda r: f"{r.title}\n\n{r.body}",
        group_id=lambda r: _report(r).cohort_id,
        set_status=_revision_status,
        replace_text=_replace_revision,
        can_view=lambda user, r: reads_report_draft(user, _report(r)),
    )
)


# Suggestions -----------------------------------------------------------------------------


def _suggestion_report(suggestion: Suggestion) -> Report:
    return db.session.get(Report, db.session.get(Section, suggestion.section_id).report_id)


def _suggestion_status(suggestion: Suggestion, status: ModerationStatus) -> None:
    from youthportal.reports.suggestions import tell_authors

    was = suggestion.status
    suggestion.status = status
    if status == ModerationStatus.PUBLISHED and was != ModerationStatus.PUBLISHED:
        section = db.session.get(Section, suggestion.section_id)
        tell_authors(_suggestion_report(suggestion), section, suggestion.author)


def _replace_suggestion(suggestion: Suggestion, text: str) -> None:
    suggestion.body = text.replace("\r\n", "\n").strip()


register(
    ContentKind(
        name="report_suggestion",
        model=Suggestion,
        label=_l("Suggestion on a report"),
        url=lambda s: url_for(
            "reports.section",
            report_id=_suggestion_report(s).id,
            section_id=s.section_id,
        ),
        text=lambda s: f"{s.note}\n\n{s.body}".strip(),
        group_id=lambda s: _suggestion_report(s).cohort_id,
        set_status=_suggestion_status,
        replace_text=_replace_suggestion,
        can_view=lambda user, s: reads_report_draft(user, _suggestion_report(s)),
    )
)


# Adopted versions ------------------------------------------------------------------------


def version_text(version: Version) -> str:
    """What a moderator reads and may edit: the title, the summary, then "## " sections."""
    parts = [version.title, version.summary or ""]
    parts += [f"## {section['title']}\n\n{section['body']}" for section in version.sections]
    return "\n\n".join(parts)


def _replace_version(version: Version, text: str) -> None:
    """A moderator takes out of an adopted text what must not be public; the recommendations
    are numbered again from the edited sections."""
    from youthportal.reports import render

    head, *parts = re.split(r"(?m)^## ", text.replace("\r\n", "\n").strip())
    title, _sep, summary = head.partition("\n")
    old = list(version.sections)
    sections = []
    for index, part in enumerate(parts):
        section_title, _sep, body = part.partition("\n")
        sources = old[index].get("sources", []) if index < len(old) else []
        sections.append(
            {"title": section_title.strip()[:160] or "…", "body": body.strip(), "sources": sources}
        )
    version.title = title.strip()[:160] or "…"
    version.summary = summary.strip()
    version.sections = sections
    version.recommendations = [
        Recommendation(number=number, section_index=index, text=text_)
        for number, (index, text_) in enumerate(
            (
                (i, t)
                for i, section in enumerate(sections)
                for t in render.recommendations(section["body"])
            ),
            start=1,
        )
    ]


register(
    ContentKind(
        name="report_version",
        model=Version,
        label=_l("Adopted report"),
        url=lambda v: url_for("reports.version", report_id=v.report_id, number=v.number),
        text=version_text,
        group_id=lambda v: db.session.get(Report, v.report_id).cohort_id,
        set_status=plain_status,
        replace_text=_replace_version,
        can_view=lambda user, v: True,  # public
    )
)


# Section comments ------------------------------------------------------------------------


def _section_report(section_id: int) -> Report | None:
    section = db.session.get(Section, section_id)
    return db.session.get(Report, section.report_id) if section is not None else None


def _can_view_section(user, section_id: int) -> bool:
    report = _section_report(section_id)
    return report is not None and reads_report_draft(user, report)


def _can_post_section(user, section_id: int) -> bool:
    return can_write(user) and _can_view_section(user, section_id)


def _can_resolve_section(user, section_id: int) -> bool:
    report = _section_report(section_id)
    return report is not None and (
        (can_write(user) and is_report_author(user, report)) or reviews_report(user, report)
    )


register_subject(
    SubjectType(
        name="report_section",
        can_view=_can_view_section,
        can_post=_can_post_section,
        group_id=lambda section_id: _section_report(section_id).cohort_id,
        url=lambda section_id: url_for(
            "reports.section",
            report_id=_section_report(section_id).id,
            section_id=section_id,
        ),
        can_resolve=_can_resolve_section,
    )
)
