"""Consultations: a question to young people, their proposals and the supports they give.

A consultation moves through phases set by dates: collecting proposals, discussing,
supporting, results, closed. Supports are not secret ballots, but nobody's support is shown to
others: only counts, and breakdowns with no cell under k.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import User, enum_column
from youthportal.core.audience import AudienceKind, Targeted
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"
    PROPOSALS = "proposals"
    DISCUSSION = "discussion"
    SUPPORT = "support"
    RESULTS = "results"
    CLOSED = "closed"


# The phases in order, each starting at the date in the named column.
PHASE_STARTS = (
    (Phase.PROPOSALS, "proposals_at"),
    (Phase.DISCUSSION, "discussion_at"),
    (Phase.SUPPORT, "support_at"),
    (Phase.RESULTS, "results_at"),
    (Phase.CLOSED, "closes_at"),
)


class Consultation(Targeted, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list] = mapped_column(JSON, default=list)
    support_limit: Mapped[int | None]  # at most N supports per person, if set
    audience_kind: Mapped[AudienceKind] = enum_column(AudienceKind, default=AudienceKind.EVERYONE)
    audience_age_bands: Mapped[str] = mapped_column(String(40), default="")
    proposals_at: Mapped[datetime]
    discussion_at: Mapped[datetime]
    support_at: Mapped[datetime]
    results_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The facilitator's "what happens next", published with the results.
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None]
    # A parliamentarian asked to start a report from it; the reports feature links the
    # report here (`report_id`) when it is created.
    report_requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    report_requested_at: Mapped[datetime | None]
    report_id: Mapped[int | None]

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    groups: Mapped[list["ConsultationGroup"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ConsultationGroup.group_id"
    )

    __table_args__ = (Index("ix_consultation_status_closes", "status", "closes_at"),)


class ConsultationGroup(db.Model):
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Proposal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(60))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Kept in step with the support rows under a row lock; the list sorts by it.
    support_count: Mapped[int] = mapped_column(default=0)
    # Merged into another proposal: hidden from lists, its supports and authors moved over.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal.id", ondelete="SET NULL")
    )

    author: Mapped[User | None] = relationship(lazy="joined")
    consultation: Mapped[Consultation] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index(
            "ix_proposal_list",
            "consultation_id",
            "status",
            "merged_into_id",
            "support_count",
        ),
        Index("ix_proposal_consultation_created", "consultation_id", "created_at"),
    )


# The "most supported" order of a consultation's proposals, read from the index page by page.
Index(
    "ix_proposal_supported",
    Proposal.consultation_id,
    Proposal.support_count.desc(),
    Proposal.created_at,
    Proposal.id,
    postgresql_where=Proposal.merged_into_id.is_(None),
    sqlite_where=Proposal.merged_into_id.is_(None),
)


class ProposalCredit(db.Model):
    """Authors credited on a proposal besides its own author (after a merge)."""

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )

    user: Mapped[User] = relationship(lazy="joined")


class Support(db.Model):
    """One member's support of one proposal (the key makes a second impossible). The age
    band and group are kept for breakdowns shown only in cells of at least k."""

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    age_band: Mapped[str | None] = mapped_column(String(8))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("youth_group.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_support_consultation_user", "consultation_id", "user_id"),)
