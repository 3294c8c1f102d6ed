"""Discussions: threads attached to anything commentable, and their comments."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import User, enum_column
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class Thread(db.Model):
    """A conversation about one subject. `subject_type`/`subject_id` name what it is about
    (see discussions.subjects): a group's or the public discussion space (many titled threads),
    or later a proposal, a poll, an idea or a report section (one untitled thread each)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int] = mapped_column(default=0)
    # The group whose members may read it and whose facilitators moderate it (None: public).
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(120))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Mirrors the opening comment's status for titled threads; published for attached ones.
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment_count: Mapped[int] = mapped_column(default=0)
    is_locked: Mapped[bool] = mapped_column(default=False)

    author: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (
        Index(
            "ix_thread_subject_activity",
            "subject_type",
            "subject_id",
            "status",
            "last_activity_at",
        ),
    )


class Comment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    # Replies are one level deep: a reply's parent is always a top-level comment.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    is_opening: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    # Rendered and sanitised once when saved, not on every view.
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PENDING
    )
    removed_by_author: Mapped[bool] = mapped_column(default=False)
    # When others could first read it: a removed comment leaves a placeholder (so replies
    # keep their context) only if it was ever published.
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    # Where a subject allows it (report sections), a comment is marked dealt with.
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    thread: Mapped[Thread] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index("ix_comment_thread_status_created", "thread_id", "status", "created_at"),
    )


# A thread's top-level comments in page order, so that page 40 of 2,000 comments is read from
# the index instead of sorting every comment of the thread first.
Index(
    "ix_comment_thread_top_level",
    Comment.thread_id,
    Comment.is_opening.desc(),
    Comment.created_at,
    Comment.id,
    postgresql_where=Comment.parent_id.is_(None),
    sqlite_where=Comment.parent_id.is_(None),
)


class CommentRevision(db.Model):
    """Earlier texts of an edited comment, for moderators."""

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReactionKind(enum.StrEnum):
    LIKE = "like"
    AGREE = "agree"
    IDEA = "idea"
    THANKS = "thanks"


class Reaction(db.Model):
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[ReactionKind] = enum_column(ReactionKind, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
