"""UneHack events: challenges, teams, the "looking for a team" board, ideas and their
versions, mentors' feedback, and the jury (criteria, judges, conflicts, assignments, scores,
awards).

Youth write team names, ideas and (through discussions) the team thread; mentors write
feedback. Every one of these texts is screened and carries a moderation status.
"""

import enum
import secrets
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.accounts.models import User, enum_column
from youthportal.core.model_base import utcnow
from youthportal.extensions import db
from youthportal.safety.models import ModerationStatus


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"
    REGISTRATION = "registration"
    FORMING = "forming"
    BUILDING = "building"
    SUBMISSION = "submission"
    JUDGING = "judging"
    RESULTS = "results"


# The phases in order, each starting at the date in the named column.
PHASE_STARTS = (
    (Phase.REGISTRATION, "registration_at"),
    (Phase.FORMING, "forming_at"),
    (Phase.BUILDING, "building_at"),
    (Phase.SUBMISSION, "submission_at"),
    (Phase.JUDGING, "judging_at"),
    (Phase.RESULTS, "results_at"),
)


class Event(db.Model):
    __tablename__ = "hack_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[str] = mapped_column(Text, default="")
    min_age: Mapped[int] = mapped_column(default=12)
    max_age: Mapped[int] = mapped_column(default=18)
    # Teams only mix members of one age band (9-12, 13-15, 16-18).
    same_band_teams: Mapped[bool] = mapped_column(default=True)
    team_min: Mapped[int] = mapped_column(default=2)
    team_max: Mapped[int] = mapped_column(default=5)
    registration_at: Mapped[datetime]
    forming_at: Mapped[datetime]
    building_at: Mapped[datetime]
    submission_at: Mapped[datetime]
    judging_at: Mapped[datetime]  # also the submission deadline
    results_at: Mapped[datetime]
    scale_max: Mapped[int] = mapped_column(default=5)  # criteria are scored 1..scale_max
    judges_per_idea: Mapped[int] = mapped_column(default=3)
    calibration: Mapped[bool] = mapped_column(default=False)
    # The two ideas every judge scores first; real scoring starts once released.
    calibration_idea_ids: Mapped[list] = mapped_column(JSON, default=list)
    calibration_released_at: Mapped[datetime | None]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Frozen when the facilitator publishes: the ranking as computed then.
    results: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    results_published_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship(lazy="joined")
    challenges: Mapped[list["Challenge"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Challenge.position"
    )
    criteria: Mapped[list["Criterion"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Criterion.position"
    )

    __table_args__ = (Index("ix_hack_event_results_at", "results_at"),)


class Challenge(db.Model):
    __tablename__ = "hack_challenge"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)


def team_code() -> str:
    # 8 characters a child can read aloud or copy: no 0/O or 1/I/l.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Team(db.Model):
    __tablename__ = "hack_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(12), unique=True, default=team_code)
    age_band: Mapped[str | None] = mapped_column(String(8))  # set by its founder
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    member_count: Mapped[int] = mapped_column(default=0)  # kept in step under a row lock

    mentor: Mapped[User | None] = relationship(foreign_keys=[mentor_id], lazy="joined")
    members: Mapped[list["TeamMember"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TeamMember.joined_at"
    )

    __table_args__ = (Index("ix_hack_team_event", "event_id", "name"),)


# Two teams of one event never share a name, whatever its capitals (even at the same moment).
Index("uq_hack_team_event_name", Team.event_id, func.lower(Team.name), unique=True)


class TeamMember(db.Model):
    __tablename__ = "hack_team_member"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("hack_team.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # One team per member and event, even from two requests at once.
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (UniqueConstraint("event_id", "user_id", name="uq_hack_member_event_user"),)


class BoardEntry(db.Model):
    """A young person looking for a team: skills and interests from a fixed list only."""

    __tablename__ = "hack_board_entry"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("hack_event.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    skills: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_hack_board_event_created", "event_id", "created_at"),)


class Invitation(db.Model):
    """A team asks someone from the board to join; they accept or decline."""

    __tablename__ = "hack_invitation"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("hack_team.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship(lazy="joined", innerjoin=True)


IDEA_FIELDS = ("title", "problem", "helps", "how", "built")


class Idea(db.Model):
    __tablename__ = "hack_idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(
        ForeignKey("hack_team.id", ondelete="CASCADE"), unique=True
    )
    challenge_id: Mapped[int | None] = mapped_column(
        ForeignKey("hack_challenge.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(120))
    problem: Mapped[str] = mapped_column(Text, default="")
    helps: Mapped[str] = mapped_column(Text, default="")  # who it helps
    how: Mapped[str] = mapped_column(Text, default="")  # how it works
    built: Mapped[str] = mapped_column(Text, default="")  # what they built
    links: Mapped[list] = mapped_column(JSON, default=list)
    # The last saver; moderation tells them when the text waits.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PENDING
    )
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]  # None: a draft only the team sees
    promoted_proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal.id", ondelete="SET NULL")
    )

    team: Mapped[Team] = relationship(lazy="joined", innerjoin=True)
    challenge: Mapped[Challenge | None] = relationship(lazy="joined")

    __table_args__ = (Index("ix_hack_idea_event_submitted", "event_id", "submitted_at"),)


class IdeaVersion(db.Model):
    """Each save of an idea, kept: the team sees its history, moderators what changed."""

    __tablename__ = "hack_idea_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("hack_idea.id", ondelete="CASCADE"))
    version: Mapped[int]
    content: Mapped[dict] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("idea_id", "version", name="uq_hack_idea_version"),)


class Feedback(db.Model):
    """A mentor's written feedback on an idea, seen by the team once published."""

    __tablename__ = "hack_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("hack_idea.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[ModerationStatus] = enum_column(
        ModerationStatus, default=ModerationStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
    idea: Mapped[Idea] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_hack_feedback_idea", "idea_id", "created_at"),)


class StaffRole(enum.StrEnum):
    MENTOR = "mentor"
    JUDGE = "judge"


class Staff(db.Model):
    """An adult mentoring or judging an event. Invited experts act only once an admin has
    vetted them; facilitators and admins are vetted by their role."""

    __tablename__ = "hack_staff"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("hack_event.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[StaffRole] = enum_column(StaffRole, primary_key=True)
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    vetted_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)


class Conflict(db.Model):
    """A judge declared a conflict of interest with a team: never assigned, never scores."""

    __tablename__ = "hack_conflict"

    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    judge_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("hack_team.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_hack_conflict_event", "event_id"),)


class Criterion(db.Model):
    __tablename__ = "hack_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[int]  # percent; an event's weights add up to 100
    position: Mapped[int] = mapped_column(default=0)


class Assignment(db.Model):
    __tablename__ = "hack_assignment"

    judge_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("hack_idea.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    calibration: Mapped[bool] = mapped_column(default=False)
    scored_at: Mapped[datetime | None]  # every criterion scored

    idea: Mapped[Idea] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index("ix_hack_assignment_event_judge", "event_id", "judge_id"),
        Index("ix_hack_assignment_idea", "idea_id"),
    )


class Score(db.Model):
    __tablename__ = "hack_score"

    judge_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("hack_idea.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("hack_criterion.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    value: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_hack_score_event", "event_id", "judge_id"),)


class AwardKind(enum.StrEnum):
    OVERALL = "overall"  # 1st, 2nd, 3rd of the whole event
    CHALLENGE = "challenge"  # best idea for one challenge
    PEOPLES_CHOICE = "peoples_choice"


class Award(db.Model):
    __tablename__ = "hack_award"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("hack_event.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("hack_idea.id", ondelete="CASCADE"))
    kind: Mapped[AwardKind] = enum_column(AwardKind)
    place: Mapped[int] = mapped_column(default=1)
    challenge_id: Mapped[int | None] = mapped_column(
        ForeignKey("hack_challenge.id", ondelete="SET NULL")
    )

    idea: Mapped[Idea] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_hack_award_event", "event_id", "kind", "place"),)


class IdeaImage(db.Model):
    """A picture a facilitator attached on the team's behalf after looking at it (youth
    never upload). Stored without its metadata (no camera, place or time)."""

    __tablename__ = "hack_idea_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("hack_idea.id", ondelete="CASCADE"), index=True)
    mimetype: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    alt_text: Mapped[str] = mapped_column(String(300))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
