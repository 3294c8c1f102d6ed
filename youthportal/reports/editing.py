"""Saving a section without ever losing an edit.

Every form carries the revision it was based on. Saved on the newest revision: a new
revision. Saved on an older one: the author's change and the changes saved since are merged
three ways (word level); when they overlap nothing is saved and the author gets both texts,
theirs intact, to choose or combine. Every save is screened and becomes a revision, so the
history holds every accepted text.
"""

from dataclasses import dataclass

from sqlalchemy import or_, select

from youthportal.core.database import lock_row
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.reports.drafting import Refused, refuse_unless_editable
from youthportal.reports.merge import Merge, merge3
from youthportal.reports.models import Report, Revision, RevisionKind, Section
from youthportal.safety import screen_parts
from youthportal.safety.content import status_for
from youthportal.safety.models import ModerationStatus, ReviewReason
from youthportal.safety.review import after_submit, open_item_for, open_review

MAX_BODY = 20_000


def normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass
class Outcome:
    kind: str  # "saved", "merged", "unchanged", "conflict"
    revision: Revision | None = None
    verdict: object = None
    # A conflict: the texts the author sees side by side.
    merge: Merge | None = None
    base_title: str = ""
    their_title: str = ""
    my_title: str = ""
    their_revision: int = 0


def revision_of(section: Section, number: int) -> Revision | None:
    return db.session.scalar(
        select(Revision).where(Revision.section_id == section.id, Revision.number == number)
    )


def _merge_title(base: str, mine: str, theirs: str) -> str | None:
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    return None


def save(
    user,
    report: Report,
    section: Section,
    *,
    title: str,
    body: str,
    base_revision: int,
    note: str,
    locale,
    kind: RevisionKind = RevisionKind.EDIT,
    suggestion=None,
) -> Outcome:
    title, body = title.strip(), normalise(body)
    # The report first (a move to review waits for this save, or this save sees it), then the
    # section: two saves at once, the second waits, then merges with the first.
    lock_row(report)
    db.session.refresh(report)
    refuse_unless_editable(user, report)
    lock_row(section)
    db.session.refresh(section)
    if section.deleted_at is not None:
        raise Refused("stale")
    if section.withheld:
        raise Refused("withheld")
    if not 0 < base_revision <= section.revision:
        raise Refused("stale")
    merged_kind = kind
    if base_revision != section.revision:
        base = revision_of(section, base_revision)
        merge = merge3(base.body, body, section.body)
        new_title = _merge_title(base.title, title, section.title)
        if not merge.clean or new_title is None:
            return Outcome(
                "conflict",
                merge=merge,
                base_title=base.title,
                their_title=section.title,
                my_title=title,
                their_revision=section.revision,
            )
        body, title = merge.text, new_title
        if kind == RevisionKind.EDIT:
            merged_kind = RevisionKind.MERGE
    if body == section.body and title == section.title:
        return Outcome("unchanged")
    note = (note or "").strip()[:200]
    # The note is read in the history by the whole cohort: screened with the text.
    verdict, (title, body, note) = screen_parts(
        [title, body, note], user, locale, content_type="report_revision", group_id=report.cohort_id
    )
    if verdict.blocked:
        raise Refused("text", verdict)
    # Held words stay held: text saved over words a moderator has not read yet (or since a
    # moderator changed the section) waits for a moderator, whoever saves it.
    status = status_for(verdict)
    rereview = status == ModerationStatus.PUBLISHED and _carries_unread_words(
        section, base_revision
    )
    if rereview:
        status = ModerationStatus.PENDING
    revision = add_revision(
        section,
        title=title,
        body=body,
        kind=merged_kind,
        author_id=user.id,
        base_number=base_revision,
        note=note,
        status=status,
        suggestion_id=suggestion.id if suggestion is not None else None,
        withheld=verdict.urgent,
    )
    report.updated_at = utcnow()
    after_submit(revision, verdict, edited=True)
    if rereview and open_item_for("report_revision", revision.id) is None:
        open_review(revision, reason=ReviewReason.HELD)
    return Outcome(
        "merged" if base_revision != section.revision - 1 else "saved",
        revision=revision,
        verdict=verdict,
    )


def _carries_unread_words(section: Section, base_revision: int) -> bool:
    """Does a save on `base_revision` carry text no moderator has let through: the section's
    newest text is waiting, the base was, or a moderator changed the section since?"""
    if section.status != ModerationStatus.PUBLISHED:
        return True
    return (
        db.session.scalar(
            select(Revision.id)
            .where(
                Revision.section_id == section.id,
                Revision.number >= base_revision,
                or_(
                    Revision.status != ModerationStatus.PUBLISHED,
                    (Revision.kind == RevisionKind.MODERATION) & (Revision.number > base_revision),
                ),
            )
            .limit(1)
        )
        is not None
    )


def add_revision(
    section: Section,
    *,
    title,
    body,
    kind,
    author_id,
    base_number,
    note,
    status,
    suggestion_id=None,
    withheld=False,
) -> Revision:
    """The one way a section's text changes: a new numbered revision, the section pointing
    at it, and what readers see moved along when the text is published."""
    number = section.revision + 1
    revision = Revision(
        section_id=section.id,
        number=number,
        title=title,
        body=body,
        kind=kind,
        note=(note or "").strip()[:200],
        base_number=base_number,
        author_id=author_id,
        status=status,
        suggestion_id=suggestion_id,
        withheld=withheld,
    )
    db.session.add(revision)
    section.title, section.body, section.revision = title, body, number
    section.status = status
    section.withheld = withheld
    section.updated_at = utcnow()
    if status == ModerationStatus.PUBLISHED:
        section.public_title, section.public_body = title, body
        section.public_revision = number
    db.session.flush()
    return revision


def restore(user, report: Report, section: Section, number: int, base_revision: int, locale):
    """An earlier text becomes the newest again (itself a new revision)."""
    refuse_unless_editable(user, report)
    lock_row(section)
    db.session.refresh(section)
    if base_revision != section.revision:
        raise Refused("stale")
    old = revision_of(section, number)
    if old is None or old.status != ModerationStatus.PUBLISHED or old.withheld:
        raise Refused("hidden_revision")
    outcome = save(
        user,
        report,
        section,
        title=old.title,
        body=old.body,
        base_revision=section.revision,
        note=f"#{number}",
        locale=locale,
        kind=RevisionKind.RESTORE,
    )
    return outcome


# History ----------------------------------------------------------------------------------


def section_history_stmt(section: Section):
    return (
        select(Revision).where(Revision.section_id == section.id).order_by(Revision.number.desc())
    )


def report_history_stmt(report: Report):
    return (
        select(Revision)
        .join(Section, Section.id == Revision.section_id)
        .where(Section.report_id == report.id)
        .order_by(Revision.created_at.desc(), Revision.id.desc())
    )


def previous_revision(revision: Revision) -> Revision | None:
    return db.session.scalar(
        select(Revision)
        .where(Revision.section_id == revision.section_id, Revision.number < revision.number)
        .order_by(Revision.number.desc())
        .limit(1)
    )
