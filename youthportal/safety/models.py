"""Moderation records: review items, flags, sanctions, appeals, safeguarding cases, screening
events and the watched-word lists. Content itself lives in its feature package; these tables
point at it by (content_type, content_id), resolved through safety.content's registry."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import User, enum_column
from youthportal.core.model_base import utcnow
from youthportal.extensions import db


class ModerationStatus(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    REMOVED = "removed"


class ReviewReason(enum.StrEnum):
    HELD = "held"  # screening or pre-moderation held it
    FLAGGED = "flagged"  # users reported it
    AUTO_FLAG = "auto_flag"  # published, but a watched word asks for a look
    URGENT = "urgent"  # a possible disclosure of harm
    EDITED = "edited"  # an edit of published content was held


class ReviewState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReviewDecision(enum.StrEnum):
    APPROVED = "approved"
    EDITED = "edited"
    HIDDEN = "hidden"
    REMOVED = "removed"
    ESCALATED = "escalated"
    # The author deleted it before anyone decided: closed without a moderator.
    WITHDRAWN = "withdrawn"


class ReviewItem(db.Model):
    """One piece of content waiting for (or having had) a moderator's decision."""

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(30))
    content_id: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Facilitators review the items of their groups; None means admins only.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("youth_group.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[ReviewReason] = enum_column(ReviewReason)
    urgent: Mapped[bool] = mapped_column(default=False)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    flag_count: Mapped[int] = mapped_column(default=0)
    state: Mapped[ReviewState] = enum_column(ReviewState, default=ReviewState.OPEN)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decision: Mapped[ReviewDecision | None] = enum_column(ReviewDecision, nullable=True)
    decision_note: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")

    __table_args__ = (
        Index("ix_review_item_content", "content_type", "content_id"),
        # At most one open item per piece of content, even when two reports race.
        Index(
            "uq_review_item_open_content",
            "content_type",
            "content_id",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
    )


# The review queue's order (urgent first, then the oldest), read from the index.
Index(
    "ix_review_item_queue",
    ReviewItem.state,
    ReviewItem.urgent.desc(),
    ReviewItem.opened_at,
    ReviewItem.id,
)


class FlagReason(enum.StrEnum):
    BULLYING = "bullying"
    HATE = "hate"
    PERSONAL_INFO = "personal_info"
    SEXUAL = "sexual"
    DANGER = "danger"
    SPAM = "spam"
    OTHER = "other"


# Reasons that hide the item at once and alert the safeguarding leads.
URGENT_FLAG_REASONS = frozenset({FlagReason.SEXUAL, FlagReason.DANGER})


class FlagOutcome(enum.StrEnum):
    UPHELD = "upheld"
    NOT_UPHELD = "not_upheld"
    WITHDRAWN = "withdrawn"  # the author deleted it first


class Flag(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(30))
    content_id: Mapped[int]
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    reason: Mapped[FlagReason] = enum_column(FlagReason)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    outcome: Mapped[FlagOutcome | None] = enum_column(FlagOutcome, nullable=True)
    decided_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint(
            "content_type", "content_id", "reporter_id", name="uq_flag_content_reporter"
        ),
    )


class SanctionKind(enum.StrEnum):
    WARNING = "warning"
    MUTE = "mute"
    SUSPENSION = "suspension"


class Sanction(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SanctionKind] = enum_column(SanctionKind)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    review_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_item.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id], lazy="joined")


class AppealState(enum.StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the decision stands
    OVERTURNED = "overturned"


class Appeal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    appellant_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    review_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_item.id", ondelete="CASCADE")
    )
    sanction_id: Mapped[int | None] = mapped_column(ForeignKey("sanction.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[AppealState] = enum_column(AppealState, default=AppealState.OPEN, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)

    appellant: Mapped[User] = relationship(foreign_keys=[appellant_id], lazy="joined")

    # One appeal per decision and per sanction (NULLs do not collide).
    __table_args__ = (
        UniqueConstraint("review_item_id", name="uq_appeal_review_item"),
        UniqueConstraint("sanction_id", name="uq_appeal_sanction"),
    )
    review_item: Mapped[ReviewItem | None] = relationship(lazy="joined")
    sanction: Mapped[Sanction | None] = relationship(lazy="joined")


class CaseState(enum.StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    REFERRED = "referred"
    CLOSED = "closed"


class CaseSource(enum.StrEnum):
    SCREENING = "screening"
    FLAG = "flag"
    ESCALATION = "escalation"


class SafeguardingCase(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(30))
    content_id: Mapped[int]
    review_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_item.id", ondelete="SET NULL")
    )
    # The young person the case is about (the author of the content).
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    source: Mapped[CaseSource] = enum_column(CaseSource)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[CaseState] = enum_column(CaseState, default=CaseState.NEW)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    referred_to: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]

    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id], lazy="joined")
    acknowledged_by: Mapped[User | None] = relationship(
        foreign_keys=[acknowledged_by_id], lazy="joined"
    )

    __table_args__ = (
        Index("ix_safeguarding_case_state_opened", "state", "opened_at"),
        # At most one case per piece of content that is not closed yet.
        Index(
            "uq_safeguarding_case_active_content",
            "content_type",
            "content_id",
            unique=True,
            sqlite_where=text("state != 'closed'"),
            postgresql_where=text("state != 'closed'"),
        ),
    )


class CaseNote(db.Model):
    """Notes on a case: visible to safeguarding leads only."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("safeguarding_case.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class ScreenEvent(db.Model):
    """Each screened submission (no text): feeds rate limits and the moderation metrics."""

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    content_type: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(10))
    urgent: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (Index("ix_screen_event_author_created", "author_id", "created_at"),)


class WordAction(enum.StrEnum):
    BLOCK = "block"
    HOLD = "hold"
    FLAG = "flag"
    MASK = "mask"


class WordCategory(enum.StrEnum):
    BULLYING = "bullying"
    HATE = "hate"
    SEXUAL = "sexual"
    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    SPAM = "spam"


class WatchedWord(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(10))
    term: Mapped[str] = mapped_column(String(120))
    action: Mapped[WordAction] = enum_column(WordAction)
    category: Mapped[WordCategory] = enum_column(WordCategory)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    __table_args__ = (UniqueConstraint("language", "term", name="uq_watched_word_language_term"),)
