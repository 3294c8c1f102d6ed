"""From youth to policy-makers: what is sent (a sending, with its cover letter and numbered
recommendations), to whom (one submission per institution), what the institution answers
(a response, one answer per recommendation, commitments and their dated updates) and what
the young people make of it (ratings, "our reply", the "what changed" summary, follows).

Figures of the public record come from columns kept at the moment things happen
(`read_days`, `answer_days`: local calendar days in Europe/Tirane), so the overview is a
handful of SQL aggregates whatever the number of rows.
"""

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import Institution, enum_column
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class SourceKind(enum.StrEnum):
    REPORT = "report"
    CONSULTATION = "consultation"


class Verdict(enum.StrEnum):
    """An institution's answer to one recommendation."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    UNDER_CONSIDERATION = "under_consideration"
    NOT_ACCEPTED = "not_accepted"
    ALREADY_IN_PLACE = "already_in_place"


# Answers that must say why.
VERDICTS_NEEDING_REASON = frozenset({Verdict.PARTLY_ACCEPTED, Verdict.NOT_ACCEPTED})
# Answers that become commitments.
VERDICTS_COMMITTING = frozenset({Verdict.ACCEPTED, Verdict.PARTLY_ACCEPTED})


class CommitmentStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


OPEN_COMMITMENT_STATUSES = frozenset({CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS})


class Sending(db.Model):
    """One adopted report version or one consultation's results, sent with a cover letter to
    one or more institutions."""

    __tablename__ = "policy_sending"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SourceKind] = enum_column(SourceKind)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("report.id", ondelete="SET NULL"), index=True
    )
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_version.id", ondelete="SET NULL")
    )
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="SET NULL"), index=True
    )
    # The Youth Parliament cohort whose work it is (reports): its members rate and reply.
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("youth_group.id", ondelete="SET NULL"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("report_topic.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    cover_letter: Mapped[str] = mapped_column(Text)
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    requested_by: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendations: Mapped[list["PolicyRecommendation"]] = relationship(
        order_by="PolicyRecommendation.number",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class PolicyRecommendation(db.Model):
    """A numbered recommendation as it was sent (a copy: the adopted text never changes, and
    a consultation's list is fixed when it is sent)."""

    __tablename__ = "policy_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    sending_id: Mapped[int] = mapped_column(
        ForeignKey("policy_sending.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    # Where it is read in full: "#rec-3" on the adopted version, a proposal's page, ...
    link: Mapped[str | None] = mapped_column(String(255))


class Submission(db.Model):
    """A sending as one institution received it: read, answered, overdue."""

    __tablename__ = "policy_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    sending_id: Mapped[int] = mapped_column(ForeignKey("policy_sending.id", ondelete="CASCADE"))
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id", ondelete="CASCADE"))
    # Copied from the sending so the inbox and the record filter without a join.
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by: Mapped[date]
    read_at: Mapped[datetime | None]
    read_days: Mapped[int | None]
    answered_at: Mapped[datetime | None]
    answer_days: Mapped[int | None]
    # An institution without an account gets a signed link; the first official to use it
    # claims the submission (and creates an account for the institution).
    claim_nonce: Mapped[str | None] = mapped_column(String(32))
    claim_email: Mapped[str | None] = mapped_column(String(254))
    claimed_at: Mapped[datetime | None]
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    sending: Mapped[Sending] = relationship(lazy="joined", innerjoin=True)
    institution: Mapped[Institution] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        UniqueConstraint("sending_id", "institution_id", name="uq_policy_submission_sent_once"),
        Index("ix_policy_submission_institution_sent", "institution_id", "sent_at"),
        Index("ix_policy_submission_open", "answered_at", "requested_by"),
        Index("ix_policy_submission_sent", "sent_at"),
    )


class Response(db.Model):
    """The institution's public answer: as a whole and per recommendation. Written by an
    official, shown as the institution's (never the person's)."""

    __tablename__ = "policy_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("policy_submission.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    answers: Mapped[list["Answer"]] = relationship(
        order_by="Answer.number", cascade="all, delete-orphan", lazy="selectin"
    )


class Answer(db.Model):
    __tablename__ = "policy_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by ix_policy_answer_response_verdict (and the unique key).
    response_id: Mapped[int] = mapped_column(ForeignKey("policy_response.id", ondelete="CASCADE"))
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("policy_recommendation.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    verdict: Mapped[Verdict] = enum_column(Verdict)
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("response_id", "recommendation_id", name="uq_policy_answer_once"),
        # The record counts answers by kind per response from the index alone.
        Index("ix_policy_answer_response_verdict", "response_id", "verdict"),
    )


class Commitment(db.Model):
    """What an institution promised to do about a recommendation, followed over time."""

    __tablename__ = "policy_commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by ix_policy_commitment_record, which starts with it.
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("policy_submission.id", ondelete="CASCADE")
    )
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id", ondelete="CASCADE"))
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("policy_recommendation.id", ondelete="CASCADE")
    )
    number: Mapped[int]  # the recommendation's number
    text: Mapped[str] = mapped_column(Text)
    owner_unit: Mapped[str] = mapped_column(String(160))
    expected_by: Mapped[date]
    # `state` is where the work stands; like reports, `status` would be moderation.
    state: Mapped[CommitmentStatus] = enum_column(
        CommitmentStatus, default=CommitmentStatus.PLANNED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index("ix_policy_commitment_institution_state", "institution_id", "state"),
        Index("ix_policy_commitment_due", "state", "expected_by"),
        # Covers the record's count of commitments by state and lateness.
        Index(
            "ix_policy_commitment_record", "submission_id", "state", "expected_by", "institution_id"
        ),
    )


class CommitmentUpdate(db.Model):
    """One dated step in a commitment's history (the first is its creation)."""

    __tablename__ = "policy_commitment_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("policy_commitment.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[CommitmentStatus] = enum_column(CommitmentStatus)
    expected_by: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rating(db.Model):
    """A cohort member's view of a response: 1 (no) to 5 (yes) on three questions. Only
    the averages are shown, and only from k ratings."""

    __tablename__ = "policy_rating"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("policy_submission.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    clear: Mapped[int]
    answers_us: Mapped[int]
    believable: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortReply(db.Model):
    """The young people's short public reply to a response, moderated like any youth text."""

    __tablename__ = "policy_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("policy_submission.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ImpactSummary(db.Model):
    """ "What changed because of your work": a facilitator's plain-language summary per
    report, shown to young people beside the commitments."""

    __tablename__ = "policy_impact"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowTarget(enum.StrEnum):
    SUBMISSION = "submission"
    COMMITMENT = "commitment"


class Follow(db.Model):
    __tablename__ = "policy_follow"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[FollowTarget] = enum_column(FollowTarget, primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_policy_follow_target", "target", "target_id"),)


class ReminderSent(db.Model):
    """One row per reminder ever sent ("submission:12:before-14"): the key is the primary
    key, so running `send-reminders` twice, or twice at once, sends it once."""

    __tablename__ = "policy_reminder"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
