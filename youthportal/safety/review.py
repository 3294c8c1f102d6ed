"""The review queue: what screening held, what members reported, and the moderator's
decision, which is audit-logged and explained to the author (and the reporters)."""

from sqlalchemy import or_, select, update

from youthportal.accounts.models import User
from youthportal.core import audit
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    is_admin,
    is_safeguarding_lead,
    moderates_group,
    my_group_ids_stmt,
)
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


class AlreadyDecided(Exception):
    """Another moderator decided this item a moment earlier."""


class ContentWithdrawn(Exception):
    """The author deleted the content: no decision may publish it again."""


class LeadsOnly(Exception):
    """Only a safeguarding lead (or an admin) may publish what may tell of danger."""


PUBLISHING = frozenset({ReviewDecision.APPROVED, ReviewDecision.EDITED})


def may_publish_urgent(user: User) -> bool:
    return is_safeguarding_lead(user) or is_admin(user)


def _open_item_stmt(content_type: str, content_id: int):
    return select(ReviewItem).where(
        ReviewItem.content_type == content_type,
        ReviewItem.content_id == content_id,
        ReviewItem.state == ReviewState.OPEN,
    )


def open_item_for(content_type: str, content_id: int) -> ReviewItem | None:
    return db.session.scalar(_open_item_stmt(content_type, content_id))


def open_review(
    obj,
    *,
    reason: ReviewReason,
    findings: list | None = None,
    urgent: bool = False,
    fresh_text: bool = False,
) -> ReviewItem:
    """The one open item for this content, created or strengthened. Concurrent reports meet
    on a unique index of open items and then take turns on the row lock."""
    kind = kind_of(obj)
    created = insert_if_absent(
        ReviewItem,
        content_type=kind.name,
        content_id=obj.id,
        author_id=obj.author_id,
        group_id=kind.group_id(obj),
        reason=reason,
        urgent=urgent,
        findings=findings or [],
        flag_count=0,
        state=ReviewState.OPEN,
        opened_at=utcnow(),
    )
    item = db.session.scalar(
        _open_item_stmt(kind.name, obj.id)
        .with_for_update(of=ReviewItem)
        .execution_options(populate_existing=True)
    )
    if not created:
        if _REASON_RANK[reason] > _REASON_RANK[item.reason]:
            item.reason = reason
        if fresh_text:
            # The text changed: earlier findings point at offsets that no longer exist.
            item.findings = list(findings or [])
        elif findings:
            item.findings = [*(item.findings or []), *findings]
        item.urgent = bool(item.urgent or urgent)
        db.session.flush()
    return item


def after_submit(obj, verdict: Verdict, *, edited: bool = False) -> ReviewItem | None:
    """Called by every feature right after it stored content screened with `verdict`.
    `edited`: the text replaced an earlier one (any open item gets the new findings)."""
    findings = [f.as_dict() for f in verdict.findings]
    item = None
    if verdict.urgent:
        item = open_review(
            obj, reason=ReviewReason.URGENT, findings=findings, urgent=True, fresh_text=edited
        )
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
        item = open_review(obj, reason=reason, findings=findings, fresh_text=edited)
    elif verdict.needs_review:
        item = open_review(obj, reason=ReviewReason.AUTO_FLAG, findings=findings, fresh_text=edited)
    elif edited:
        item = open_item_for(kind_of(obj).name, obj.id)
        if item is not None:
            item.findings = findings
    return item


def queue_stmt(user: User, *, urgent_only: bool = False):
    """Open items the user may review: admins all, facilitators their groups and the public
    space, safeguarding leads also every urgent item. Urgent first, then the oldest."""
    stmt = select(ReviewItem).where(ReviewItem.state == ReviewState.OPEN)
    if not is_admin(user):
        mine = or_(ReviewItem.group_id.is_(None), ReviewItem.group_id.in_(my_group_ids_stmt(user)))
        if is_safeguarding_lead(user):
            mine = or_(mine, ReviewItem.urgent.is_(True))
        stmt = stmt.where(mine)
    if urgent_only:
        stmt = stmt.where(ReviewItem.urgent.is_(True))
    return stmt.order_by(ReviewItem.urgent.desc(), ReviewItem.opened_at, ReviewItem.id)


def may_review(user: User, item: ReviewItem) -> bool:
    return moderates_group(user, item.group_id) or (item.urgent and is_safeguarding_lead(user))


def _claim(item: ReviewItem, moderator: User | None, decision: ReviewDecision, note) -> None:
    """Close the item only if it is still open: of two moderators deciding at once, the
    second one is told, and nothing of theirs is applied."""
    closed = db.session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.state == ReviewState.OPEN)
        .values(
            state=ReviewState.CLOSED,
            closed_at=utcnow(),
            decided_by_id=moderator.id if moderator is not None else None,
            decision=decision,
            decision_note=note or None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(item)
    if closed != 1:
        raise AlreadyDecided


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
    if decision in PUBLISHING:
        if kind.withdrawn(obj):
            raise ContentWithdrawn
        if item.urgent and not may_publish_urgent(moderator):
            raise LeadsOnly
    if decision == ReviewDecision.ESCALATED:
        _escalate(item, kind, obj, moderator, note)
        return
    was_waiting = obj.status in (ModerationStatus.PENDING, ModerationStatus.HIDDEN)
    reason = item.reason
    _claim(item, moderator, decision, note)
    author = db.session.get(User, obj.author_id) if obj.author_id else None
    if decision in PUBLISHING:
        if decision == ReviewDecision.EDITED and new_text is not None:
            kind.replace_text(obj, new_text)
        kind.set_status(obj, ModerationStatus.PUBLISHED)
        _close_flags(kind, obj, FlagOutcome.NOT_UPHELD, "not_upheld")
        if author is not None and was_waiting:
            if reason in (ReviewReason.HELD, ReviewReason.EDITED):
                count_approval(author)
            kind_name = (
                "content_edited" if decision == ReviewDecision.EDITED else "content_approved"
            )
            notify(
                author,
                kind_name,
                link=kind.url(obj),
                reason_code=reason_code or "other",
                note=note,
            )
    else:
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
    _audit(moderator, decision, item, kind, obj, note, reason_code)


def _escalate(item: ReviewItem, kind: ContentKind, obj, moderator: User, note) -> None:
    """Hand the item to the safeguarding leads: the content stays out of sight and the item
    stays open (urgent) until a lead decides about it, next to the case."""
    locked = db.session.scalar(
        select(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.state == ReviewState.OPEN)
        .with_for_update(of=ReviewItem)
        .execution_options(populate_existing=True)
    )
    if locked is None:
        raise AlreadyDecided
    if obj.status == ModerationStatus.PUBLISHED:
        kind.set_status(obj, ModerationStatus.HIDDEN)
    item.reason = ReviewReason.URGENT
    item.urgent = True
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
    _audit(moderator, ReviewDecision.ESCALATED, item, kind, obj, note, None)


def _audit(moderator, decision, item, kind, obj, note, reason_code) -> None:
    audit.record(
        moderator,
        f"moderation.{decision.value}",
        item,
        reason=note,
        content_type=kind.name,
        content_id=obj.id,
        reason_code=reason_code,
    )


def withdraw(obj) -> None:
    """The author deleted the content: a pending decision is no longer needed, and the
    reporters are told. An urgent item stays open: the concern does not go away."""
    kind = kind_of(obj)
    item = open_item_for(kind.name, obj.id)
    if item is None or item.urgent:
        return
    try:
        _claim(item, None, ReviewDecision.WITHDRAWN, None)
    except AlreadyDecided:
        return
    _close_flags(kind, obj, FlagOutcome.WITHDRAWN, "withdrawn")
    audit.record(None, "moderation.withdrawn", item, content_type=kind.name, content_id=obj.id)


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
