"""Report texts are moderated content: the title and summary, each section revision and
each suggestion. Held text stays visible to the co-authors and the reviewer, marked, and
never reaches readers outside. Each section also has a comment thread (a discussion
subject) whose comments the authors mark resolved."""

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
from youthportal.reports.models import Report, Revision, RevisionKind, Section, Suggestion
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
    """Keeps the section in step: a published text becomes what readers see; a hidden
    newest text is replaced by the last published one (as a new revision, so the history
    stays whole and editors' forms notice the change)."""
    from youthportal.reports.editing import add_revision

    revision.status = status
    revision.withheld = False  # a moderator has read it
    section = _section(revision)
    is_newest = revision.number == section.revision
    if status == ModerationStatus.PUBLISHED:
        if revision.number >= section.public_revision:
            section.public_title, section.public_body = revision.title, revision.body
            section.public_revision = revision.number
        if is_newest:
            section.status, section.withheld = status, False
    elif status in HIDDEN and is_newest:
        last = db.session.scalar(
            select(Revision)
            .where(
                Revision.section_id == section.id,
                Revision.number < revision.number,
                Revision.status == ModerationStatus.PUBLISHED,
            )
            .order_by(Revision.number.desc())
            .limit(1)
        )
        add_revision(
            section,
            title=last.title if last else section.title,
            body=last.body if last else "",
            kind=RevisionKind.MODERATION,
            author_id=None,
            base_number=revision.number,
            note="",
            status=ModerationStatus.PUBLISHED,
        )
    elif is_newest:
        section.status, section.withheld = status, False


def _replace_revision(revision: Revision, text: str) -> None:
    """A moderator's edit replaces the held text in the history too (it may have held a
    child's personal details)."""
    revision.title, revision.body = _split(text)
    section = _section(revision)
    if revision.number == section.revision:
        section.title, section.body = revision.title, revision.body


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
