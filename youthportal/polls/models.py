"""Polls, their options, who took part, and what was chosen.

Secret by construction: `Participation` (who voted) and `Ballot` (what was chosen) share no
key, no sequence and no time. A ballot's id is random, it carries no date and, in a secret
poll, no voter; each new ballot trades places with a random earlier one, so not even the
order of rows follows the order of voting. Reasons live in their own table, apart from
ballots.
"""

import enum
import secrets
from datetime import date, datetime, time

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import User, enum_column
from youthportal.core.audience import AudienceKind, Targeted
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class Method(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    APPROVAL = "approval"
    RANKED = "ranked"
    SCALE = "scale"


class ResultsVisibility(enum.StrEnum):
    LIVE = "live"  # anyone in the audience, while the poll runs
    AFTER_VOTE = "after_vote"  # those who voted, while it runs; everyone after closing
    AFTER_CLOSE = "after_close"  # nobody until it closes, admins included


class ReasonMode(enum.StrEnum):
    OFF = "off"
    OPTIONAL = "optional"
    REQUIRED = "required"


def _seed() -> str:
    return secrets.token_hex(8)


class Poll(Targeted, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[Method] = enum_column(Method)
    max_choices: Mapped[int | None]  # multiple choice: at most N
    # Scale: the labels of the points, lowest first (1..5 by default, numbers as labels).
    scale_labels: Mapped[list] = mapped_column(JSON, default=list)
    is_secret: Mapped[bool] = mapped_column(default=True)
    allow_change: Mapped[bool] = mapped_column(default=False)  # open polls only
    results_visibility: Mapped[ResultsVisibility] = enum_column(
        ResultsVisibility, default=ResultsVisibility.AFTER_CLOSE
    )
    reason_mode: Mapped[ReasonMode] = enum_column(ReasonMode, default=ReasonMode.OFF)
    quorum_percent: Mapped[int | None]  # minimum turnout, in % of the audience
    receipts: Mapped[bool] = mapped_column(default=False)
    youth_options: Mapped[bool] = mapped_column(default=False)  # youth may propose options
    audience_kind: Mapped[AudienceKind] = enum_column(AudienceKind, default=AudienceKind.EVERYONE)
    audience_age_bands: Mapped[str] = mapped_column(String(40), default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The question and options are screened like every text; a held poll waits for review.
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    # Public, random: seeds the instant-runoff lot and the order options are shown in.
    seed: Mapped[str] = mapped_column(String(16), default=_seed)
    # Counted once when the poll closes; a closed poll's results never change.
    tally: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    audience_size: Mapped[int | None]  # frozen at closing, for the quorum
    reminded_at: Mapped[datetime | None]  # one reminder per poll
    # A UneHack people's choice vote: its audience is the event's participants.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("hack_event.id", ondelete="CASCADE"), index=True
    )

    author: Mapped[User | None] = relationship(lazy="joined")
    groups: Mapped[list["PollGroup"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PollGroup.group_id"
    )

    __table_args__ = (Index("ix_poll_status_closes", "status", "closes_at"),)


class PollGroup(db.Model):
    """The groups a poll is for, when its audience is some groups."""

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("poll.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PollOption(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    # Options proposed by youth wait for screening and a facilitator; others are published.
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # People's choice: the UneHack idea this option stands for (its team may not vote for it).
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("hack_idea.id", ondelete="CASCADE"))
    # A fixed answer shown in the reader's language (yes, no, abstain of an adoption vote).
    key: Mapped[str | None] = mapped_column(String(16))

    poll: Mapped[Poll] = relationship(lazy="joined", innerjoin=True)

    @property
    def display_label(self) -> str:
        from youthportal.polls.labels import FIXED_ANSWERS

        return str(FIXED_ANSWERS[self.key]) if self.key in FIXED_ANSWERS else self.label

    __table_args__ = (Index("ix_poll_option_poll_status", "poll_id", "status", "position"),)


class Participation(db.Model):
    """That a member voted: one row per member and poll (the primary key makes a second
    vote impossible, even from two requests at once). Only the day, never the time."""

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("poll.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    voted_on: Mapped[date]


def _ballot_id() -> str:
    return secrets.token_hex(16)


class Ballot(db.Model):
    """What was chosen. In a secret poll nothing here points at a person: a random id, no
    date, the voter's age band
    the voter's age band and audience group for breakdowns (shown only in cells of
    at least k ballots). In an open poll `voter_id` names the voter."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_ballot_id)
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"))
    # Option ids (single, multiple, approval), option ids in order (ranked), or [point].
    choices: Mapped[list] = mapped_column(JSON)
    age_band: Mapped[str | None] = mapped_column(String(8))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("youth_group.id", ondelete="SET NULL"))
    # A random code the voter saw once; listed with its ballot after closing.
    receipt: Mapped[str | None] = mapped_column(String(16), unique=True)
    voter_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (Index("ix_ballot_poll_id", "poll_id", "id"),)


def random_reason_id() -> int:
    # 31 random bits: fits every integer column that points at content. The caller draws
    # again on the rare clash (see polls.voting).
    return secrets.randbelow(2**31 - 1) + 1


class PollReason(db.Model):
    """A reason given with a vote, kept apart from the ballot. In a secret poll it has no
    author and is shown only after closing, in random order."""

    # A random number, not a sequence (a sequence would follow the order of the votes);
    # a number because moderation records point at content by integer id.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, default=random_reason_id)
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[ModerationStatus] = enum_column(ModerationStatus)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_on: Mapped[date]  # the day only: an exact time could be matched to a visit

    poll: Mapped[Poll] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(lazy="joined")

    @property
    def created_at(self) -> datetime:
        return datetime.combine(self.created_on, time())
