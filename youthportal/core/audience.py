"""Who a poll or a consultation is meant for: everyone, some groups, some age bands, or the
Youth Parliament. Only active young members take part; adults organise and read."""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from youthportal.accounts.ages import AGE_BANDS, user_age_band
from youthportal.accounts.models import AccountStatus, GroupMember, MemberRole, Role, User
from youthportal.core.permissions import is_parliamentarian, is_youth
from youthportal.extensions import db

AGE_BAND_LABELS = tuple(label for label, _low, _high in AGE_BANDS)


@dataclass(frozen=True)
class Audience:
    kind: str  # everyone, groups, age_bands, parliamentarians
    group_ids: tuple[int, ...] = ()
    age_bands: tuple[str, ...] = field(default_factory=tuple)


def member_group_ids(user) -> list[int]:
    return list(
        db.session.scalars(
            select(GroupMember.group_id).where(
                GroupMember.user_id == user.id, GroupMember.role == MemberRole.MEMBER
            )
        )
    )


def includes(audience: Audience, user, *, active_only: bool = True) -> bool:
    """Is this young member in the audience? Taking part needs an active account; reading
    (`active_only=False`) does not, so members waiting for consent see what is coming."""
    if not is_youth(user):
        return False
    if active_only and user.status != AccountStatus.ACTIVE:
        return False
    if audience.kind == "everyone":
        return True
    if audience.kind == "parliamentarians":
        return is_parliamentarian(user)
    if audience.kind == "age_bands":
        return user_age_band(user) in audience.age_bands
    if audience.kind == "groups":
        return bool(set(member_group_ids(user)) & set(audience.group_ids))
    return False


def breakdown_group(audience: Audience, user) -> int | None:
    """The audience group a ballot is counted under (the first, for members of several)."""
    if audience.kind != "groups":
        return None
    mine = set(member_group_ids(user))
    return next((g for g in audience.group_ids if g in mine), None)


def members_stmt(audience: Audience):
    """The members of the audience, as a query (for turnout and reminders). Age bands and
    parliament terms are checked in Python by `includes`, so callers filter the rows."""
    stmt = select(User).where(User.role == Role.YOUTH, User.status == AccountStatus.ACTIVE)
    if audience.kind == "groups":
        in_groups = select(GroupMember.user_id).where(
            GroupMember.group_id.in_(audience.group_ids), GroupMember.role == MemberRole.MEMBER
        )
        stmt = stmt.where(User.id.in_(in_groups))
    elif audience.kind == "parliamentarians":
        stmt = stmt.where(User.parliament_term_start.is_not(None))
    return stmt.order_by(User.id)


def size(audience: Audience) -> int:
    """How many members the audience has now."""
    if audience.kind in ("everyone", "groups"):
        inner = members_stmt(audience).order_by(None).with_only_columns(User.id).subquery()
        return db.session.scalar(select(func.count()).select_from(inner)) or 0
    return sum(1 for user in db.session.scalars(members_stmt(audience)) if includes(audience, user))
