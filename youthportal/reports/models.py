"""Reports of the Youth Parliament: topics, reports, co-authors, sections and their
revisions, suggestions, cited sources, the cohort's adoption rules and adopted versions.

A section's text is the text of its newest revision; every save adds a revision (never an
update in place), so the history holds every accepted text. Youth text (titles, summaries,
section texts, suggestions) is screened and carries a moderation status.
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import Group, User, enum_column
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class State(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    VOTING = "voting"
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"


# Sections change only in these states; otherwise the text is frozen (review, vote, adopted).
EDITABLE_STATES = frozenset({State.DRAFT, State.CHANGES_REQUESTED})


class Majority(enum.StrEnum):
    SIMPLE = "simple"  # more yes than no
    ABSOLUTE = "absolute"  # yes from more than half of those who voted (abstentions count)
    TWO_THIRDS = "two_thirds"  # yes from at least two thirds of yes and no


class Topic(db.Model):
    __tablename__ = "report_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    # The name in each interface language ({"sq": ..., "en": ...}); admins edit them.
    names: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    def name(self, locale: str) -> str:
        names = self.names or {}
        return names.get(locale) or names.get("en") or names.get("sq") or self.key


class CohortRules(db.Model):
    """How a Youth Parliament cohort adopts its reports (a missing row: the defaults)."""

    __tablename__ = "report_cohort_rules"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True
    )
    quorum_percent: Mapped[int] = mapped_column(default=50)
    majority: Mapped[Majority] = enum_column(Majority, default=Majority.SIMPLE)
    # Adopted reports name "the Youth Parliament" instead of each author.
    credit_collectively: Mapped[bool] = mapped_column(default=False)
    secret_vote: Mapped[bool] = mapped_column(default=False)
    # The cohort's speaker sends its adopted reports to institutions (with the facilitators).
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class Report(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_topic.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(Text, default="")
    # Who last wrote the title and summary (moderation tells them what was decided).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Of the title and summary; sections carry their own.
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    state: Mapped[State] = enum_column(State, default=State.DRAFT, index=True)
    # Bumped by every change of the report's structure (sections added, moved, renamed):
    # a stale form about the structure is refused, never applied blindly.
    structure_version: Mapped[int] = mapped_column(default=1)
    review_note: Mapped[str | None] = mapped_column(Text)
    vote_poll_id: Mapped[int | None] = mapped_column(ForeignKey("poll.id", ondelete="SET NULL"))
    # The cohort's rules as they were when the vote opened ({"majority", "quorum_percent"}):
    # changing the rules mid-vote changes nothing for that vote.
    vote_rules: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    adopted_at: Mapped[datetime | None]

    cohort: Mapped[Group] = relationship(lazy="joined", innerjoin=True)
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="joined")
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id], lazy="joined")
    topic: Mapped[Topic | None] = relationship(lazy="joined")

    __table_args__ = (Index("ix_report_cohort_state", "cohort_id", "state", "updated_at"),)


class Author(db.Model):
    """A co-author: a parliamentarian the owner invited (the owner is one too)."""

    __tablename__ = "report_author"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("report.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Section(db.Model):
    __tablename__ = "report_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(160))
    # The newest revision's text and number: the form carries `revision` back on save.
    body: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(default=0)
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    # The newest text a moderator let through (or screening published): what readers who
    # are not co-authors or the reviewer see while a newer text waits.
    public_title: Mapped[str] = mapped_column(String(160), default="")
    public_body: Mapped[str] = mapped_column(Text, default="")
    public_revision: Mapped[int] = mapped_column(default=0)
    # The newest text may tell of harm: only moderators read it until a lead has decided;
    # co-authors see the published text and wait to edit.
    withheld: Mapped[bool] = mapped_column(default=False)
    # Deleted sections stay (with their history) so a delete can be undone.
    deleted_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_report_section_report", "report_id", "deleted_at", "position"),)


class RevisionKind(enum.StrEnum):
    EDIT = "edit"
    MERGE = "merge"  # saved on an older revision, merged with the newer one
    RESOLVED = "resolved"  # the author chose or combined after a conflict
    RESTORE = "restore"
    SUGGESTION = "suggestion"  # a suggestion accepted by an author
    MODERATION = "moderation"  # a moderator's edit, or the text put back after a removal


class Revision(db.Model):
    __tablename__ = "report_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("report_section.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[RevisionKind] = enum_column(RevisionKind, default=RevisionKind.EDIT)
    note: Mapped[str] = mapped_column(String(200), default="")
    # The revision the author's form showed (merges and conflicts are computed from it).
    base_number: Mapped[int | None]
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # Credited when a suggestion was accepted.
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_suggestion.id", ondelete="SET NULL", use_alter=True)
    )
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    # Screening found a possible disclosure of harm: shown to nobody but moderators.
    withheld: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("section_id", "number", name="uq_report_revision_section_number"),
        Index("ix_report_revision_created", "section_id", "created_at"),
    )


class SuggestionState(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Suggestion(db.Model):
    __tablename__ = "report_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("report_section.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # The whole proposed text of the section, and the revision it was written on.
    body: Mapped[str] = mapped_column(Text)
    base_number: Mapped[int]
    note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[ModerationStatus] = enum_column(ModerationStatus)
    state: Mapped[SuggestionState] = enum_column(SuggestionState, default=SuggestionState.OPEN)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")

    __table_args__ = (Index("ix_report_suggestion_state", "section_id", "state"),)


class SourceKind(enum.StrEnum):
    CONSULTATION = "consultation"
    POLL = "poll"
    DISCUSSION = "discussion"
    IDEA = "idea"


class Source(db.Model):
    """What a report draws on; with a section, that section cites it (a live summary box)."""

    __tablename__ = "report_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_section.id", ondelete="CASCADE")
    )
    kind: Mapped[SourceKind] = enum_column(SourceKind)
    target_id: Mapped[int]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("report_id", "kind", "target_id", "section_id", name="uq_report_source"),
    )


class Version(db.Model):
    """An adopted text: never changed. Cited as /reports/<report>/v/<number>."""

    __tablename__ = "report_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(160))
    summary: Mapped[str] = mapped_column(Text, default="")
    # [{"title", "body", "sources": [{"kind", "title", "summary"}]}] in order.
    sections: Mapped[list] = mapped_column(JSON)
    # The report's own sources (those no single section cites), frozen like the sections'.
    sources: Mapped[list] = mapped_column(JSON, default=list)
    # The vote: {"yes", "no", "abstain", "turnout", "members", "quorum", "majority"}.
    vote: Mapped[dict] = mapped_column(JSON, default=dict)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("report_topic.id", ondelete="SET NULL"))
    credit_collectively: Mapped[bool] = mapped_column(default=False)
    # The co-authors at adoption (ids only: names are shown as they are now, so a member who
    # deletes their account becomes "former member" here too).
    author_ids: Mapped[list] = mapped_column(JSON, default=list)
    adopted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Immutable, except that moderators may hide it or take out what must not be public.
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )

    report: Mapped[Report] = relationship(lazy="joined", innerjoin=True)
    topic: Mapped[Topic | None] = relationship(lazy="joined")
    recommendations: Mapped[list["Recommendation"]] = relationship(
        lazy="selectin", order_by="Recommendation.number", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("report_id", "number", name="uq_report_version_report_number"),
    )

    # Moderated content has an author and a creation time; an adopted text is the cohort's.
    author_id = None

    @property
    def created_at(self) -> datetime:
        return self.adopted_at


class Recommendation(db.Model):
    """A numbered recommendation of an adopted version, tracked once the report is sent."""

    __tablename__ = "report_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("report_version.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    section_index: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
