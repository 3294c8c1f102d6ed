"""Groups, invite codes, class rosters and what facilitators do for their members."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from youthportal.accounts.ages import needs_guardian_consent
from youthportal.accounts.avatars import AVATARS
from youthportal.accounts.models import (
    AccountStatus,
    Group,
    GroupKind,
    GroupMember,
    GuardianConsent,
    InviteCode,
    MemberRole,
    Role,
    User,
)
from youthportal.accounts.passwords import hash_password
from youthportal.accounts.services import login_taken, one_time_password
from youthportal.core import audit
from youthportal.core.model_base import utcnow
from youthportal.extensions import db

# No 0/O, 1/I/L: codes are read aloud and copied from a board.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def create_group(facilitator: User, name: str, kind: GroupKind, country: str) -> Group:
    group = Group(name=name.strip(), kind=kind, country=country, created_by_id=facilitator.id)
    db.session.add(group)
    db.session.flush()
    db.session.add(
        GroupMember(group_id=group.id, user_id=facilitator.id, role=MemberRole.FACILITATOR)
    )
    audit.record(facilitator, "group.created", group, name=group.name)
    return group


def my_groups_stmt(user: User):
    return (
        select(Group)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(GroupMember.user_id == user.id, GroupMember.role == MemberRole.FACILITATOR)
        .order_by(Group.name, Group.id)
    )


def member_counts(group_ids: list[int]) -> dict[int, int]:
    """Young members per group, for a whole page of groups in one query."""
    if not group_ids:
        return {}
    rows = db.session.execute(
        select(GroupMember.group_id, func.count())
        .where(GroupMember.group_id.in_(group_ids), GroupMember.role == MemberRole.MEMBER)
        .group_by(GroupMember.group_id)
    )
    return dict(rows.all())


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if db.session.scalar(select(InviteCode.id).where(InviteCode.code == code)) is None:
            return code


def create_invite(facilitator: User, group: Group, days: int, max_uses: int) -> InviteCode:
    now = utcnow()
    invite = InviteCode(
        code=new_code(),
        group_id=group.id,
        created_by_id=facilitator.id,
        created_at=now,
        expires_at=now + timedelta(days=days),
        max_uses=max_uses,
    )
    db.session.add(invite)
    db.session.flush()
    audit.record(facilitator, "invite.created", invite, group_id=group.id, code=invite.code)
    return invite


def revoke_invite(facilitator: User, invite: InviteCode) -> None:
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        audit.record(facilitator, "invite.revoked", invite, group_id=invite.group_id)


def invites_stmt(group: Group):
    return (
        select(InviteCode)
        .where(InviteCode.group_id == group.id)
        .order_by(InviteCode.created_at.desc(), InviteCode.id.desc())
    )


def members_stmt(group: Group):
    return (
        select(GroupMember)
        .join(User, User.id == GroupMember.user_id)
        .where(GroupMember.group_id == group.id, GroupMember.role == MemberRole.MEMBER)
        .options(joinedload(GroupMember.user).joinedload(User.consent))
        .order_by(func.lower(User.display_name), User.id)
    )


def membership(group: Group, user_id: int) -> GroupMember | None:
    return db.session.scalar(
        select(GroupMember).where(
            GroupMember.group_id == group.id,
            GroupMember.user_id == user_id,
            GroupMember.role == MemberRole.MEMBER,
        )
    )


@dataclass
class RosterPupil:
    display_name: str
    birth_year: int
    birth_month: int


@dataclass
class LoginCard:
    display_name: str
    login_name: str
    password: str
    needs_consent: bool


def _generated_login_name() -> str:
    animals = list(AVATARS)
    while True:
        name = f"{secrets.choice(animals)}{secrets.randbelow(900) + 100}"
        if not login_taken(name):
            return name


def create_roster(facilitator: User, group: Group, pupils: list[RosterPupil]) -> list[LoginCard]:
    """Accounts for pupils without e-mail, in one step. Passwords are shown once, on cards."""
    cards = []
    for pupil in pupils:
        pending = needs_guardian_consent(pupil.birth_year, pupil.birth_month, group.country)
        password = one_time_password()
        user = User(
            login_name=_generated_login_name(),
            display_name=pupil.display_name,
            avatar=secrets.choice(list(AVATARS)),
            role=Role.YOUTH,
            status=AccountStatus.PENDING_CONSENT if pending else AccountStatus.ACTIVE,
            birth_year=pupil.birth_year,
            birth_month=pupil.birth_month,
            country=group.country,
            password_hash=hash_password(password),
            must_change_password=True,
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(GroupMember(group_id=group.id, user_id=user.id))
        if pending:
            db.session.add(GuardianConsent(user_id=user.id, token_nonce=secrets.token_hex(8)))
        cards.append(LoginCard(user.display_name, user.login_name, password, pending))
    db.session.flush()
    audit.record(facilitator, "roster.created", group, count=len(cards))
    return cards


def set_parliamentarian(
    facilitator: User, member: User, start: date | None, end: date | None
) -> None:
    member.parliament_term_start = start
    member.parliament_term_end = end if start else None
    audit.record(
        facilitator,
        "member.parliamentarian",
        member,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end and start else None,
    )


def set_champion(facilitator: User, member: User, is_champion: bool) -> None:
    if member.is_champion != is_champion:
        member.is_champion = is_champion
        audit.record(facilitator, "member.champion", member, champion=is_champion)


__all__ = ["create_group", "create_invite", "create_roster", "one_time_password"]
