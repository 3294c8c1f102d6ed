"""Sanctions on young people's accounts: a warning, a mute that gets longer each time
(24 h, 72 h, 7 days, 30 days by default), or a suspension. Appeals are decided by a different
moderator than the one who decided."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select

from youthportal.accounts.models import AccountStatus, GroupMember, User
from youthportal.accounts.session import end_all_sessions
from youthportal.core import audit
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    facilitates_member,
    is_admin,
    moderates_group,
    my_group_ids_stmt,
)
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
    earlier = db.session.scalar(  # a lifted mute does not make the next one longer
        select(func.count(Sanction.id)).where(
            Sanction.user_id == user.id,
            Sanction.kind == SanctionKind.MUTE,
            Sanction.revoked_at.is_(None),
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
        db.session.flush()
        # Another mute may still be running: the member stays muted until it ends.
        user.muted_until = db.session.scalar(
            select(func.max(Sanction.ends_at)).where(
                Sanction.user_id == user.id,
                Sanction.kind == SanctionKind.MUTE,
                Sanction.revoked_at.is_(None),
                Sanction.ends_at > utcnow(),
            )
        )
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


class AlreadyAppealed(Exception):
    pass


def open_appeal(user: User, text: str, *, review_item=None, sanction=None) -> Appeal:
    """One appeal per decision or sanction; a second (or a replayed form) is refused."""
    added = insert_if_absent(
        Appeal,
        appellant_id=user.id,
        review_item_id=review_item.id if review_item is not None else None,
        sanction_id=sanction.id if sanction is not None else None,
        text=text,
        state=AppealState.OPEN,
        created_at=utcnow(),
    )
    if not added:
        raise AlreadyAppealed
    appeal = db.session.scalar(select(Appeal).where(_appeal_on(review_item, sanction)))
    audit.record(user, "appeal.opened", appeal)
    return appeal


def _appeal_on(review_item, sanction):
    if review_item is not None:
        return Appeal.review_item_id == review_item.id
    return Appeal.sanction_id == sanction.id


def existing_appeal(review_item=None, sanction=None) -> Appeal | None:
    return db.session.scalar(select(Appeal).where(_appeal_on(review_item, sanction)))


def appealable(user: User, *, review_item=None, sanction=None) -> bool:
    """Hidden or removed content and running or past mutes and suspensions of one's own;
    not warnings, and not sanctions already lifted."""
    if review_item is not None:
        return review_item.author_id == user.id and review_item.decision in (
            ReviewDecision.HIDDEN,
            ReviewDecision.REMOVED,
        )
    return (
        sanction.user_id == user.id
        and sanction.kind != SanctionKind.WARNING
        and sanction.revoked_at is None
    )


def original_decider_id(appeal: Appeal) -> int | None:
    if appeal.review_item is not None:
        return appeal.review_item.decided_by_id
    if appeal.sanction is not None:
        return appeal.sanction.issued_by_id
    return None


def may_decide(moderator: User, appeal: Appeal) -> bool:
    return moderator.id != original_decider_id(appeal) and moderator.id != appeal.appellant_id


def may_see_appeal(moderator: User, appeal: Appeal) -> bool:
    """Who moderates what was decided: the item's group (or the public space), or, for a
    sanction, the member's facilitators. Admins see every appeal, adults' included."""
    if is_admin(moderator):
        return True
    if appeal.review_item is not None:
        return moderates_group(moderator, appeal.review_item.group_id)
    return facilitates_member(moderator, appeal.appellant)


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
    """Open appeals the moderator may decide (see may_see_appeal), oldest first."""
    stmt = select(Appeal).where(Appeal.state == AppealState.OPEN)
    if not is_admin(moderator):
        my_groups = my_group_ids_stmt(moderator)
        my_members = select(GroupMember.user_id).where(GroupMember.group_id.in_(my_groups))
        on_items = select(ReviewItem.id).where(
            or_(ReviewItem.group_id.is_(None), ReviewItem.group_id.in_(my_groups))
        )
        stmt = stmt.where(
            or_(
                Appeal.review_item_id.in_(on_items),
                Appeal.sanction_id.is_not(None) & Appeal.appellant_id.in_(my_members),
            )
        )
    return stmt.order_by(Appeal.created_at, Appeal.id)
