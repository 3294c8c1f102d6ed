"""The review queue: what screening held, what members reported, and the moderator's
decision, which is audit-logged and explained to the author (and the reporters)."""

from sqlalchemy import or_, select, update

from youthportal.accounts.models import User
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_admin, my_group_ids_stmt
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.safety import safeguarding
from youthportal.safety.content import ContentKind, kind_of
from youthportal.safety.models import (
    CaseSource,
    Flag,
    FlagOutcome,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    ReviewReason,
    ReviewState,
)
from youthportal.safety.trust import count_approval
from youthportal.safety.verdict import Verdict

# Strongest reason wins when an open item gets another one.
_REASON_RANK = {
    ReviewReason.AUTO_FLAG: 0,
    ReviewReason.EDITED: 1,
    ReviewReason.HELD: 2,
    ReviewReason.FLAGGED: 3,
    ReviewReason.URGENT: 4,
}


def open_item_for(content_type: str, content_id: int) -> ReviewItem | None:
    return db.session.scalar(
        select(ReviewItem).where(
            ReviewItem.content_type == content_type,
            ReviewItem.content_id == content_id,
            ReviewItem.state == ReviewState.OPEN,
        )
    )


def open_review(
    obj, *, reason: ReviewReason, findings: list | None = None, urgent: bool = False
) -> ReviewItem:
    kind = kind_of(obj)
    item = open_item_for(kind.name, obj.id)
    if item is None:
        item = ReviewItem(
            content_type=kind.name,
            content_id=obj.id,
            author_id=obj.author_id,
            group_id=kind.group_id(obj),
            reason=reason,
            findings=[],
            flag_count=0,
        )
        db.session.add(item)
    elif _REASON_RANK[reason] > _REASON_RANK[item.reason]:
        item.reason = reason
    if findings:
        item.findings = [*(item.findings or []), *findings]
    item.urgent = bool(item.urgent or urgent)
    db.session.flush()
    return item


def after_submit(obj, verdict: Verdict, *, edited: bool = False) -> ReviewItem | None:
    """Called by every feature right after it stored content screened with `verdict`."""
    findings = [f.as_dict() for f in verdict.findings]
    item = None
    if verdict.urgent:
        item = open_review(obj, reason=ReviewReason.URGENT, findings=findings, urgent=True)
        kind = kind_of(obj)
        safeguarding.open_case(
            kind.name,
            obj.id,
            subject_id=obj.author_id,
            source=CaseSource.SCREENING,
            categories=[f.category for f in verdict.findings if f.kind == "urgent" and f.category],
            review_item=item,
        )
    elif verdict.held:
        reason = ReviewReason.EDITED if edited else ReviewReason.HELD
        item = open_review(obj, reason=reason, findings=findings)
    elif verdict.needs_review:
        item = open_review(obj, reason=ReviewReason.AUTO_FLAG, findings=findings)
    return item


def queue_stmt(user: User, *, urgent_only: bool = False):
    """Open items the user may review: admins all, facilitators their groups and the public
    space. Urgent first, then the oldest."""
    stmt = select(ReviewItem).where(ReviewItem.state == ReviewState.OPEN)
    if not is_admin(user):
        stmt = stmt.where(
            or_(ReviewItem.group_id.is_(None), ReviewItem.group_id.in_(my_group_ids_stmt(user)))
        )
    if urgent_only:
        stmt = stmt.where(ReviewItem.urgent.is_(True))
    return stmt.order_by(ReviewItem.urgent.desc(), ReviewItem.opened_at, ReviewItem.id)


def decide(
    item: ReviewItem,
    obj,
    moderator: User,
    decision: ReviewDecision,
    *,
    reason_code: str | None = None,
    note: str | None = None,
    new_text: str | None = None,
) -> None:
    kind = kind_of(obj)
    was_waiting = obj.status in (ModerationStatus.PENDING, ModerationStatus.HIDDEN)
    author = db.session.get(User, obj.author_id) if obj.author_id else None
    link = kind.url(obj)
    if decision in (ReviewDecision.APPROVED, ReviewDecision.EDITED):
        if decision == ReviewDecision.EDITED and new_text is not None:
            kind.replace_text(obj, new_text)
        kind.set_status(obj, ModerationStatus.PUBLISHED)
        _close_flags(kind, obj, FlagOutcome.NOT_UPHELD, "not_upheld")
        if author is not None and was_waiting:
            if item.reason in (ReviewReason.HELD, ReviewReason.EDITED):
                count_approval(author)
            kind_name = (
                "content_edited" if decision == ReviewDecision.EDITED else "content_approved"
            )
            notify(author, kind_name, link=link, reason_code=reason_code or "other", note=note)
    elif decision in (ReviewDecision.HIDDEN, ReviewDecision.REMOVED):
        status = (
            ModerationStatus.HIDDEN
            if decision == ReviewDecision.HIDDEN
            else ModerationStatus.REMOVED
        )
        kind.set_status(obj, status)
        _close_flags(kind, obj, FlagOutcome.UPHELD, "upheld")
        if author is not None:
            notify(
                author,
                "content_hidden" if status == ModerationStatus.HIDDEN else "content_removed",
                link=None,
                reason_code=reason_code or "other",
                note=note,
            )
    elif decision == ReviewDecision.ESCALATED:
        if obj.status == ModerationStatus.PUBLISHED:
            kind.set_status(obj, ModerationStatus.HIDDEN)
        _close_flags(kind, obj, FlagOutcome.UPHELD, "escalated")
        safeguarding.open_case(
            kind.name,
            obj.id,
            subject_id=obj.author_id,
            source=CaseSource.ESCALATION,
            categories=[f.get("category") for f in item.findings or [] if f.get("category")],
            review_item=item,
            actor=moderator,
        )
    item.state = ReviewState.CLOSED
    item.closed_at = utcnow()
    item.decided_by_id = moderator.id
    item.decision = decision
    item.decision_note = note or None
    audit.record(
        moderator,
        f"moderation.{decision.value}",
        item,
        reason=note,
        content_type=kind.name,
        content_id=obj.id,
        reason_code=reason_code,
    )


def _close_flags(kind: ContentKind, obj, outcome: FlagOutcome, outcome_code: str) -> None:
    """Tell every reporter what was decided (ICO Children's code: enforce and tell)."""
    open_flags = list(
        db.session.scalars(
            select(Flag).where(
                Flag.content_type == kind.name,
                Flag.content_id == obj.id,
                Flag.outcome.is_(None),
            )
        )
    )
    if not open_flags:
        return
    db.session.execute(
        update(Flag)
        .where(Flag.id.in_([f.id for f in open_flags]))
        .values(outcome=outcome, decided_at=utcnow())
    )
    reporters = db.session.scalars(
        select(User).where(User.id.in_([f.reporter_id for f in open_flags]))
    )
    for reporter in reporters:
        notify(reporter, "flag_outcome", link=None, outcome_code=outcome_code)


def history_stmt(author_id: int):
    """The author's recent moderation history, for the moderator's context."""
    return (
        select(ReviewItem)
        .where(ReviewItem.author_id == author_id, ReviewItem.state == ReviewState.CLOSED)
        .order_by(ReviewItem.closed_at.desc())
        .limit(5)
    )
