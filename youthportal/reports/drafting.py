"""Starting a report, its title and summary, co-authors and the list of sections (add,
rename, reorder, delete and undo). Texts are screened; structure changes carry the
structure version the form showed, so a stale form never reorders what someone else moved.
"""

from datetime import timedelta

from flask import url_for
from sqlalchemy import func, select

from youthportal.accounts.models import User
from youthportal.core import audit
from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    is_group_member,
    is_parliamentarian,
    may_edit_report,
    may_manage_report_authors,
)
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.reports.models import (
    EDITABLE_STATES,
    Author,
    Report,
    Revision,
    Section,
)
from youthportal.safety import screen, screen_parts
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus
from youthportal.safety.review import after_submit

# A deleted section can be brought back for this long (then it leaves the undo list).
UNDO_WINDOW = timedelta(days=30)


class Refused(Exception):
    """A change that was not made; `code` names the translated reason (labels.REFUSALS)."""

    def __init__(self, code: str, verdict=None, words: str = ""):
        super().__init__(code)
        self.code = code
        self.verdict = verdict
        # "urgent": words that may tell of harm and are kept nowhere but in a case for the
        # safeguarding leads (a note or a reason has no moderated row of its own).
        self.words = words


def start(user, cohort, title: str, summary: str, topic_id: int | None, locale) -> Report:
    """A parliamentarian of the cohort starts a report and becomes its owner."""
    if not (is_parliamentarian(user) and is_group_member(user, cohort.id)):
        raise Refused("not_parliamentarian")
    verdict, screened = screen_parts(
        [title, summary], user, locale, content_type="report", group_id=cohort.id
    )
    if verdict.urgent:  # a title every member reads is no place for it: a lead reads it
        raise Refused("urgent", verdict, words=f"{title}\n\n{summary}")
    if verdict.blocked:
        raise Refused("text", verdict)
    report = Report(
        cohort_id=cohort.id,
        owner_id=user.id,
        author_id=user.id,
        title=screened[0],
        summary=screened[1],
        topic_id=topic_id,
        status=status_for(verdict),
    )
    db.session.add(report)
    db.session.flush()
    db.session.add(Author(report_id=report.id, user_id=user.id))
    after_submit(report, verdict)
    audit.record(user, "report.created", report)
    return report, verdict


def update_details(user, report: Report, title: str, summary: str, topic_id, locale):
    refuse_unless_editable(user, report)
    verdict, screened = screen_parts(
        [title, summary], user, locale, content_type="report", group_id=report.cohort_id
    )
    if verdict.urgent:
        raise Refused("urgent", verdict, words=f"{title}\n\n{summary}")
    if verdict.blocked:
        raise Refused("text", verdict)
    report.title, report.summary = screened
    report.topic_id = topic_id
    report.author_id = user.id
    if not verdict.ok:
        report.status = ModerationStatus.PENDING
    report.updated_at = utcnow()
    after_submit(report, verdict, edited=True)
    return verdict


def refuse_unless_editable(user, report: Report) -> None:
    if report.state not in EDITABLE_STATES:
        raise Refused("frozen")
    if not may_edit_report(user, report):
        raise Refused("not_author")


def _check_structure(report: Report, structure_version: int) -> None:
    lock_row(report)
    db.session.refresh(report)
    if structure_version != report.structure_version:
        raise Refused("stale")


def _touch(report: Report) -> None:
    report.structure_version += 1
    report.updated_at = utcnow()


def live_sections(report: Report) -> list[Section]:
    return list(
        db.session.scalars(
            select(Section)
            .where(Section.report_id == report.id, Section.deleted_at.is_(None))
            .order_by(Section.position, Section.id)
        )
    )


def add_section(user, report: Report, title: str, structure_version: int, locale) -> Section:
    refuse_unless_editable(user, report)
    _check_structure(report, structure_version)
    verdict = screen(title, user, locale, content_type="report_revision", group_id=report.cohort_id)
    if verdict.urgent:
        raise Refused("urgent", verdict, words=title)
    if verdict.blocked:
        raise Refused("text", verdict)
    position = (
        db.session.scalar(select(func.max(Section.position)).where(Section.report_id == report.id))
        or 0
    ) + 1
    status = status_for(verdict)
    section = Section(
        report_id=report.id,
        position=position,
        title=verdict.text,
        body="",
        revision=1,
        status=status,
        public_title=verdict.text if status == ModerationStatus.PUBLISHED else "",
        public_body="",
        public_revision=1 if status == ModerationStatus.PUBLISHED else 0,
    )
    db.session.add(section)
    db.session.flush()
    revision = Revision(
        section_id=section.id,
        number=1,
        title=section.title,
        body="",
        author_id=user.id,
        status=status,
        note="",
    )
    db.session.add(revision)
    db.session.flush()
    after_submit(revision, verdict)
    _touch(report)
    return section


def move_section(user, report: Report, section: Section, step: int, structure_version: int):
    """Up (-1) or down (+1) one place among the live sections."""
    refuse_unless_editable(user, report)
    _check_structure(report, structure_version)
    sections = live_sections(report)
    index = next((i for i, s in enumerate(sections) if s.id == section.id), None)
    if index is None:  # deleted meanwhile
        raise Refused("stale")
    other = index + step
    if not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    for position, item in enumerate(sections, start=1):
        item.position = position
    _touch(report)


def delete_section(user, report: Report, section: Section, structure_version: int) -> None:
    refuse_unless_editable(user, report)
    _check_structure(report, structure_version)
    section.deleted_at = utcnow()
    _touch(report)
    audit.record(user, "report.section_deleted", report, detail=section.title)


def undo_delete(user, report: Report, section: Section) -> None:
    refuse_unless_editable(user, report)
    lock_row(report)
    if section.deleted_at is None:
        return
    if utcnow() - section.deleted_at > UNDO_WINDOW:
        raise Refused("undo_expired")
    section.deleted_at = None
    section.position = (
        db.session.scalar(
            select(func.max(Section.position)).where(
                Section.report_id == report.id, Section.deleted_at.is_(None)
            )
        )
        or 0
    ) + 1
    _touch(report)
    audit.record(user, "report.section_restored", report, detail=section.title)


def deleted_sections(report: Report) -> list[Section]:
    since = utcnow() - UNDO_WINDOW
    return list(
        db.session.scalars(
            select(Section)
            .where(Section.report_id == report.id, Section.deleted_at >= since)
            .order_by(Section.deleted_at.desc())
            .limit(20)
        )
    )


# Co-authors ------------------------------------------------------------------------------


def authors(report: Report) -> list[Author]:
    return list(
        db.session.scalars(
            select(Author).where(Author.report_id == report.id).order_by(Author.added_at)
        )
    )


def cohort_candidates(report: Report) -> list[User]:
    """Sitting parliamentarians of the cohort who are not co-authors yet."""
    from youthportal.accounts.models import GroupMember, MemberRole

    members = db.session.scalars(
        select(User)
        .join(GroupMember, GroupMember.user_id == User.id)
        .where(
            GroupMember.group_id == report.cohort_id,
            GroupMember.role == MemberRole.MEMBER,
            User.id.not_in(select(Author.user_id).where(Author.report_id == report.id)),
        )
        .order_by(func.lower(User.display_name), User.id)
    )
    return [m for m in members if is_parliamentarian(m) and not m.is_deleted]


def add_author(user, report: Report, member: User) -> None:
    if not may_manage_report_authors(user, report):
        raise Refused("not_allowed")
    if not (is_parliamentarian(member) and is_group_member(member, report.cohort_id)):
        raise Refused("not_parliamentarian")
    if db.session.get(Author, (report.id, member.id)) is not None:
        raise Refused("already_author")
    db.session.add(Author(report_id=report.id, user_id=member.id))
    audit.record(user, "report.author_added", report, detail=str(member.id))
    notify(
        member,
        "report_coauthor",
        url_for("reports.detail", report_id=report.id),
        title=report.title,
    )


def remove_author(user, report: Report, member: User) -> None:
    """The owner (or a facilitator) removes a co-author; a co-author may leave."""
    if member.id == report.owner_id:
        raise Refused("owner_stays")
    leaving = user.id == member.id and report.state in EDITABLE_STATES
    if not (may_manage_report_authors(user, report) or leaving):
        raise Refused("not_allowed")
    row = db.session.get(Author, (report.id, member.id))
    if row is not None:
        db.session.delete(row)
        audit.record(user, "report.author_removed", report, detail=str(member.id))
