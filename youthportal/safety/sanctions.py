"""Sanctions on young people's accounts: a warning, a mute that gets longer each time
(24 h, 72 h, 7 days, 30 days by default), or a suspension. Appeals are decided by a different
moderator than the one who decided."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from youthportal.accounts.models import AccountStatus, GroupMember, User
from youthportal.accounts.session import end_all_sessions
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import is_admin, my_group_ids_stmt
from youthportal.extensions import db
from youthportal.notifications.services import notify
from youthportal.safety.content import REGISTRY, load
from youthportal.safety.models import (
    Appeal,
    AppealState,
    ModerationStatus,
    ReviewDecision,
    ReviewItem,
    Sanction,
    SanctionKind,
)


class NotAllowed(Exception):
    """The appeal would be decided by the person who made the decision."""


def next_mute_hours(user: User) -> int:
    steps = current_app.config["MUTE_DURATIONS_HOURS"]
    earlier = db.session.scalar(
        select(func.count(Sanction.id)).where(
            Sanction.user_id == user.id, Sanction.kind == SanctionKind.MUTE
        )
    )
    return steps[min(earlier, len(steps) - 1)]


def issue(
    moderator: User, user: User, kind: SanctionKind, reason: str, review_item=None
) -> Sanction:
    now = utcnow()
    sanction = Sanction(
        user_id=user.id,
        kind=kind,
        reason=reason,
        issued_by_id=moderator.id,
        review_item_id=review_item.id if review_item is not None else None,
    )
    if kind == SanctionKind.MUTE:
        sanction.ends_at = now + timedelta(hours=next_mute_hours(user))
        user.muted_until = max(user.muted_until or now, sanction.ends_at)
    elif kind == SanctionKind.SUSPENSION:
        user.status = AccountStatus.SUSPENDED
        end_all_sessions(user)
    db.session.add(sanction)
    db.session.flush()
    action = {
        SanctionKind.WARNING: "sanction.warned",
        SanctionKind.MUTE: "sanction.muted",
        SanctionKind.SUSPENSION: "sanction.suspended",
    }[kind]
    audit.record(moderator, action, user, reason=reason, sanction_id=sanction.id)
    notify(user, "sanction", what_code=kind.value)
    return sanction


def revoke(moderator: User, sanction: Sanction, reason: str) -> None:
    if sanction.revoked_at is not None:
        return
    sanction.revoked_at = utcnow()
    user = sanction.user
    if sanction.kind == SanctionKind.MUTE:
        user.muted_until = None
    elif sanction.kind == SanctionKind.SUSPENSION and user.status == AccountStatus.SUSPENDED:
        pending = user.consent is not None and user.consent.status.value == "pending"
        user.status = AccountStatus.PENDING_CONSENT if pending else AccountStatus.ACTIVE
    audit.record(moderator, "sanction.revoked", user, reason=reason, sanction_id=sanction.id)


def active_stmt(user: User):
    now = utcnow()
    return (
        select(Sanction)
        .where(
            Sanction.user_id == user.id,
            Sanction.revoked_at.is_(None),
            (Sanction.ends_at.is_(None)) | (Sanction.ends_at > now),
        )
        .order_by(Sanction.created_at.desc())
    )


def history_stmt(user: User):
    return select(Sanction).where(Sanction.user_id == user.id).order_by(Sanction.created_at.desc())


# --- appeals ------------------------------------------------------------------------------


def appealable_items_stmt(user: User):
    """Decisions about the user's content they may appeal: hidden or removed."""
    return (
        select(ReviewItem)
        .where(
            ReviewItem.author_id == user.id,
            ReviewItem.decision.in_((ReviewDecision.HIDDEN, ReviewDecision.REMOVED)),
        )
        .order_by(ReviewItem.closed_at.desc())
    )


def open_appeal(user: User, text: str, *, review_item=None, sanction=None) -> Appeal:
    appeal = Appeal(
        appellant_id=user.id,
        review_item_id=review_item.id if review_item is not None else None,
        sanction_id=sanction.id if sanction is not None else None,
        text=text,
    )
    db.session.add(appeal)
    db.session.flush()
    audit.record(user, "appeal.opened", appeal)
    return appeal


def has_open_appeal(user: User, *, review_item=None, sanction=None) -> bool:
    stmt = select(Appeal.id).where(Appeal.appellant_id == user.id, Appeal.state == AppealState.OPEN)
    if review_item is not None:
        stmt = stmt.where(Appeal.review_item_id == review_item.id)
    if sanction is not None:
        stmt = stmt.where(Appeal.sanction_id == sanction.id)
    return db.session.scalar(stmt.limit(1)) is not None


def original_decider_id(appeal: Appeal) -> int | None:
    if appeal.review_item is not None:
        return appeal.review_item.decided_by_id
    if appeal.sanction is not None:
        return appeal.sanction.issued_by_id
    return None


def may_decide(moderator: User, appeal: Appeal) -> bool:
    return moderator.id != original_decider_id(appeal) and moderator.id != appeal.appellant_id


def decide_appeal(moderator: User, appeal: Appeal, overturn: bool, note: str) -> None:
    if not may_decide(moderator, appeal):
        raise NotAllowed
    appeal.state = AppealState.OVERTURNED if overturn else AppealState.UPHELD
    appeal.decided_by_id = moderator.id
    appeal.decided_at = utcnow()
    appeal.decision_note = note
    if overturn:
        if appeal.sanction is not None:
            revoke(moderator, appeal.sanction, note)
        if appeal.review_item is not None:
            _restore_content(moderator, appeal.review_item)
    audit.record(moderator, f"appeal.{appeal.state.value}", appeal, reason=note)
    notify(appeal.appellant, "appeal_decided", appeal_code=appeal.state.value)


def _restore_content(moderator: User, item: ReviewItem) -> None:
    obj = load(item.content_type, item.content_id)
    if obj is not None and obj.status in (ModerationStatus.HIDDEN, ModerationStatus.REMOVED):
        REGISTRY[item.content_type].set_status(obj, ModerationStatus.PUBLISHED)


def open_appeals_stmt(moderator: User):
    """Open appeals of the members a moderator looks after (admins: all)."""
    stmt = select(Appeal).where(Appeal.state == AppealState.OPEN)
    if not is_admin(moderator):
        members = select(GroupMember.user_id).where(
            GroupMember.group_id.in_(my_group_ids_stmt(moderator))
        )
        stmt = stmt.where(Appeal.appellant_id.in_(members))
    return stmt.order_by(Appeal.created_at, Appeal.id)
