"""Accounts: users, groups and their invite codes, guardian consent, adult invitations."""

import enum
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from youthportal.core.model_base import utcnow
from youthportal.extensions import db


def enum_column(enum_cls, **kwargs):
    # Store the value (lower-case string), not the member name; no native PG enum so new
    # states are a plain migration.
    return mapped_column(
        Enum(
            enum_cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e]
        ),
        **kwargs,
    )


class Role(enum.StrEnum):
    YOUTH = "youth"
    FACILITATOR = "facilitator"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    POLICY_MAKER = "policy_maker"
    ADMIN = "admin"
    # An adult from outside the organisation (a company's engineer, a researcher) who mentors
    # or judges UneHack events once an admin has vetted them for one.
    EXPERT = "expert"


class AccountStatus(enum.StrEnum):
    ACTIVE = "active"
    PENDING_CONSENT = "pending_consent"
    SUSPENDED = "suspended"
    DELETED = "deleted"


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    login_name: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(60))
    avatar: Mapped[str] = mapped_column(String(20), default="fox")
    role: Mapped[Role] = enum_column(Role, default=Role.YOUTH, index=True)
    status: Mapped[AccountStatus] = enum_column(AccountStatus, default=AccountStatus.ACTIVE)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    email_opt_in: Mapped[bool] = mapped_column(default=False)
    # Youth only: year and month, never the day (data minimisation).
    birth_year: Mapped[int | None]
    birth_month: Mapped[int | None]
    country: Mapped[str] = mapped_column(String(2), default="AL")
    locale: Mapped[str | None] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Bumped on sign-out, password change and suspension: every older session stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled: Mapped[bool] = mapped_column(default=False)
    totp_last_counter: Mapped[int | None]
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL"), index=True
    )
    is_champion: Mapped[bool] = mapped_column(default=False)
    parliament_term_start: Mapped[date | None]
    parliament_term_end: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_login_at: Mapped[datetime | None]
    # When a long-unused account was warned that it will be deleted (`youthportal
    # housekeeping`); signing in clears it.
    inactivity_warned_at: Mapped[datetime | None] = mapped_column(index=True)
    # Moderation: trust grows with approved contributions (see safety.trust).
    approved_count: Mapped[int] = mapped_column(default=0)
    muted_until: Mapped[datetime | None]

    institution: Mapped["Institution | None"] = relationship(lazy="joined")
    consent: Mapped["GuardianConsent | None"] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="GuardianConsent.user_id",
    )

    def get_id(self) -> str:
        # The session version travels in the session so that bumping it ends every session.
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.status in (AccountStatus.ACTIVE, AccountStatus.PENDING_CONSENT)

    @property
    def is_youth(self) -> bool:
        return self.role == Role.YOUTH

    @property
    def is_deleted(self) -> bool:
        return self.status == AccountStatus.DELETED

    def __repr__(self) -> str:
        return f"<User {self.id} {self.login_name} {self.role}>"


class GroupKind(enum.StrEnum):
    SCHOOL_CLASS = "school_class"
    PARLIAMENT_COHORT = "parliament_cohort"
    CHAMPIONS = "champions"
    CLUB = "club"


class MemberRole(enum.StrEnum):
    MEMBER = "member"
    FACILITATOR = "facilitator"


class Group(db.Model):
    __tablename__ = "youth_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[GroupKind] = enum_column(GroupKind, default=GroupKind.SCHOOL_CLASS)
    country: Mapped[str] = mapped_column(String(2), default="AL")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Full pre-moderation: a facilitator reads every post of the group before it is shown.
    is_premoderated: Mapped[bool] = mapped_column(default=False)


class GroupMember(db.Model):
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[MemberRole] = enum_column(MemberRole, default=MemberRole.MEMBER)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)
    group: Mapped[Group] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (Index("ix_group_member_group_role", "group_id", "role"),)


class InviteCode(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("youth_group.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    max_uses: Mapped[int] = mapped_column(default=40)
    use_count: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None]

    group: Mapped[Group] = relationship(lazy="joined", innerjoin=True)

    def usable_at(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at and self.use_count < self.max_uses


class ConsentStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ConsentMethod(enum.StrEnum):
    EMAIL = "email"
    PAPER = "paper"


class GuardianConsent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    # Kept only until the guardian decides, then erased.
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[ConsentStatus] = enum_column(ConsentStatus, default=ConsentStatus.PENDING)
    method: Mapped[ConsentMethod | None] = enum_column(ConsentMethod, nullable=True)
    # Rotated on every re-send so that only the newest link works.
    token_nonce: Mapped[str] = mapped_column(String(32))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sent_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    form_reference: Mapped[str | None] = mapped_column(String(80))
    form_signed_on: Mapped[date | None]

    user: Mapped[User] = relationship(back_populates="consent", foreign_keys=[user_id])


class InstitutionKind(enum.StrEnum):
    MINISTRY = "ministry"
    PARLIAMENT_COMMITTEE = "parliament_committee"
    AGENCY = "agency"
    MUNICIPALITY = "municipality"
    REGULATOR = "regulator"
    OTHER = "other"


class Institution(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[InstitutionKind] = enum_column(InstitutionKind, default=InstitutionKind.MINISTRY)
    country: Mapped[str] = mapped_column(String(2), default="AL")
    # Where submissions go while the institution has no official with an account: they
    # receive a signed link to claim the submission (and create the first account).
    contact_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("name", "country", name="uq_institution_name_country"),)


class AdultInvitation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[Role] = enum_column(Role)
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL")
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    token_nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)

    institution: Mapped[Institution | None] = relationship(lazy="joined")
