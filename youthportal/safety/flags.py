"""Reporting content: one flag per member per item. Enough distinct flags (or one from a
facilitator of the group) hide the item until a moderator decides; the urgent reasons hide it
at once and alert the safeguarding leads."""

from sqlalchemy import func, select

from youthportal.core import audit, settings
from youthportal.core.database import insert_if_absent
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import moderates_group
from youthportal.extensions import db
from youthportal.safety import safeguarding
from youthportal.safety.content import kind_of
from youthportal.safety.models import (
    URGENT_FLAG_REASONS,
    CaseSource,
    Flag,
    FlagReason,
    ModerationStatus,
    ReviewReason,
)
from youthportal.safety.review import open_review


class AlreadyFlagged(Exception):
    pass


class CannotFlag(Exception):
    pass


def has_flagged(user, obj) -> bool:
    kind = kind_of(obj)
    return (
        db.session.scalar(
            select(Flag.id).where(
                Flag.content_type == kind.name,
                Flag.content_id == obj.id,
                Flag.reporter_id == user.id,
            )
        )
        is not None
    )


def flag(reporter, obj, reason: FlagReason, note: str | None = None) -> Flag:
    kind = kind_of(obj)
    if obj.author_id == reporter.id:
        raise CannotFlag
    key = {"content_type": kind.name, "content_id": obj.id, "reporter_id": reporter.id}
    note = (note or "").strip()[:1000] or None
    if not insert_if_absent(Flag, **key, reason=reason, note=note, created_at=utcnow()):
        raise AlreadyFlagged
    entry = db.session.scalar(select(Flag).filter_by(**key))
    urgent = reason in URGENT_FLAG_REASONS
    item = open_review(obj, reason=ReviewReason.URGENT if urgent else ReviewReason.FLAGGED)
    item.urgent = bool(item.urgent or urgent)
    open_flags = db.session.scalar(
        select(func.count(Flag.id)).where(
            Flag.content_type == kind.name, Flag.content_id == obj.id, Flag.outcome.is_(None)
        )
    )
    item.flag_count = open_flags
    by_moderator = moderates_group(reporter, kind.group_id(obj))
    if obj.status == ModerationStatus.PUBLISHED and (
        urgent or by_moderator or open_flags >= settings.get("flag_threshold")
    ):
        kind.set_status(obj, ModerationStatus.HIDDEN)
        audit.record(
            None, "moderation.auto_hidden", item, content_type=kind.name, content_id=obj.id
        )
    if urgent:
        safeguarding.open_case(
            kind.name,
            obj.id,
            subject_id=obj.author_id,
            source=CaseSource.FLAG,
            categories=[reason.value],
            review_item=item,
        )
    db.session.flush()
    return entry
