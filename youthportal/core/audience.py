"""Who a poll or a consultation is meant for: everyone, some groups, some age bands, or the
Youth Parliament. Only active young members take part; adults organise and read."""

import enum
from dataclasses import dataclass, field

from sqlalchemy import false, func, or_, select

from youthportal.accounts.ages import AGE_BANDS, user_age_band
from youthportal.accounts.models import (
    AccountStatus,
    Group,
    GroupMember,
    MemberRole,
    Role,
    User,
)
from youthportal.core.permissions import (
    facilitates_group,
    is_admin,
    is_adult,
    is_facilitator,
    is_outside_adult,
    is_parliamentarian,
    is_signed_in,
    is_youth,
    my_group_ids_stmt,
)
from youthportal.extensions import db

AGE_BAND_LABELS = tuple(label for label, _low, _high in AGE_BANDS)


class AudienceKind(enum.StrEnum):
    EVERYONE = "everyone"
    GROUPS = "groups"
    AGE_BANDS = "age_bands"
    PARLIAMENTARIANS = "parliamentarians"
    EVENT = "event"  # the participants of one UneHack event (its people's choice vote)
    # The sitting parliamentarians among the members of one Youth Parliament cohort (its
    # `groups`): who adopts the cohort's reports.
    COHORT = "cohort"


# Audiences limited to the members of some groups.
GROUP_BOUND = (AudienceKind.GROUPS, AudienceKind.COHORT)


class Targeted:
    """For models with an audience: `audience_kind`, `audience_age_bands` (",9-12,13-15,"
    so a LIKE finds one band on both databases), `author_id` and a `groups` relationship of
    link rows with a `group_id`."""

    @property
    def group_ids(self) -> list[int]:
        return [link.group_id for link in self.groups]

    @property
    def age_bands(self) -> list[str]:
        return [band for band in (self.audience_age_bands or "").split(",") if band]

    @age_bands.setter
    def age_bands(self, bands) -> None:
        self.audience_age_bands = f",{','.join(bands)}," if bands else ""


@dataclass(frozen=True)
class Audience:
    kind: str  # everyone, groups, age_bands, parliamentarians
    group_ids: tuple[int, ...] = ()
    age_bands: tuple[str, ...] = field(default_factory=tuple)
    event_id: int | None = None


def of(target: Targeted) -> Audience:
    return Audience(
        kind=target.audience_kind.value,
        group_ids=tuple(target.group_ids),
        age_bands=tuple(target.age_bands),
        event_id=getattr(target, "event_id", None),
    )


def may_open(user) -> bool:
    """Facilitators, admins and Youth Parliament members open polls and consultations."""
    return is_facilitator(user) or is_admin(user) or is_parliamentarian(user)


def organises(user, target: Targeted) -> bool:
    """Its author, an admin, or a facilitator of one of its groups (of any group, when it
    is not for some groups)."""
    if not is_signed_in(user):
        return False
    if is_admin(user) or target.author_id == user.id:
        return True
    if not is_facilitator(user):
        return False
    if target.audience_kind not in GROUP_BOUND:
        return True
    groups = db.session.scalars(select(Group).where(Group.id.in_(target.group_ids)))
    return any(facilitates_group(user, group) for group in groups)


def may_view(user, target: Targeted) -> bool:
    """Those who organise it, and its audience (members waiting for consent read too; they
    take part once a guardian agreed). Not facilitators of other groups, not policy-makers."""
    if not is_signed_in(user) or is_outside_adult(user):
        return False
    return organises(user, target) or includes(of(target), user, active_only=False)


def visible_in_lists(stmt, model, link_model, user):
    """Narrows a list of polls or consultations to those `may_view` allows, in SQL.
    `link_model` is the model's group link table (its other key column names the model)."""
    if is_outside_adult(user):
        return stmt.where(false())
    target_column = next(c for c in link_model.__table__.primary_key if c.name != "group_id")
    linked = getattr(link_model, target_column.name)
    if is_facilitator(user) and not is_admin(user):
        facilitated = select(linked).where(link_model.group_id.in_(my_group_ids_stmt(user)))
        return stmt.where(
            or_(
                model.audience_kind.not_in(GROUP_BOUND),
                model.author_id == user.id,
                model.id.in_(facilitated),
            )
        )
    if is_signed_in(user) and not is_adult(user):
        mine = select(linked).where(link_model.group_id.in_(member_group_ids(user)))
        band = user_age_band(user) or "-"
        wanted = [
            model.audience_kind == AudienceKind.EVERYONE,
            (model.audience_kind == AudienceKind.GROUPS) & model.id.in_(mine),
            (model.audience_kind == AudienceKind.AGE_BANDS)
            & model.audience_age_bands.contains(f",{band},"),
        ]
        if is_parliamentarian(user):
            wanted.append(model.audience_kind == AudienceKind.PARLIAMENTARIANS)
            wanted.append((model.audience_kind == AudienceKind.COHORT) & model.id.in_(mine))
        if hasattr(model, "event_id"):
            from youthportal.hackathon.rules import participant_event_ids_stmt

            wanted.append(
                (model.audience_kind == AudienceKind.EVENT)
                & model.event_id.in_(participant_event_ids_stmt(user))
            )
        return stmt.where(or_(*wanted))
    return stmt


def group_choices(user, target: Targeted | None = None) -> list[tuple[int, str]]:
    """Groups a poll or consultation can be for, by name: all (admins), those one
    facilitates, or a parliamentarian's own; plus the groups `target` is already for."""
    stmt = select(Group.id, Group.name)
    if not is_admin(user):
        role = MemberRole.FACILITATOR if is_facilitator(user) else MemberRole.MEMBER
        mine = select(GroupMember.group_id).where(
            GroupMember.user_id == user.id, GroupMember.role == role
        )
        chosen = target.group_ids if target is not None else []
        stmt = stmt.where(or_(Group.id.in_(mine), Group.id.in_(chosen)))
    return [(gid, name) for gid, name in db.session.execute(stmt.order_by(Group.name, Group.id))]


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
    if audience.kind == "cohort":
        return is_parliamentarian(user) and bool(
            set(member_group_ids(user)) & set(audience.group_ids)
        )
    if audience.kind == "event":
        from youthportal.hackathon.rules import takes_part

        return takes_part(user, audience.event_id)
    return False


def breakdown_group(audience: Audience, user) -> int | None:
    """The audience group a ballot is counted under (the first, for members of several)."""
    if audience.kind not in ("groups", "cohort"):
        return None
    mine = set(member_group_ids(user))
    return next((g for g in audience.group_ids if g in mine), None)


def members_stmt(audience: Audience):
    """The members of the audience, as a query (for turnout and reminders). Age bands and
    parliament terms are checked in Python by `includes`, so callers filter the rows."""
    stmt = select(User).where(User.role == Role.YOUTH, User.status == AccountStatus.ACTIVE)
    if audience.kind in ("groups", "cohort"):
        in_groups = select(GroupMember.user_id).where(
            GroupMember.group_id.in_(audience.group_ids), GroupMember.role == MemberRole.MEMBER
        )
        stmt = stmt.where(User.id.in_(in_groups))
    if audience.kind in ("parliamentarians", "cohort"):
        stmt = stmt.where(User.parliament_term_start.is_not(None))
    elif audience.kind == "event":
        from youthportal.hackathon.rules import participants_stmt

        stmt = stmt.where(User.id.in_(participants_stmt(audience.event_id)))
    return stmt.order_by(User.id)


def size(audience: Audience) -> int:
    """How many members the audience has now."""
    if audience.kind in ("everyone", "groups", "event"):
        inner = members_stmt(audience).order_by(None).with_only_columns(User.id).subquery()
        return db.session.scalar(select(func.count()).select_from(inner)) or 0
    return sum(1 for user in db.session.scalars(members_stmt(audience)) if includes(audience, user))
