"""What a poll allows now, and to whom: its phase from its dates, its audience, and who may
see its results. Views and templates ask these predicates; nothing else decides."""

import enum
from datetime import datetime

from sqlalchemy import select

from youthportal.core import audience as audiences
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
    facilitates_group,
    is_admin,
    is_facilitator,
    is_parliamentarian,
    is_policy_maker,
    is_signed_in,
)
from youthportal.extensions import db
from youthportal.polls.models import Ballot, Participation, Poll, ResultsVisibility


class Phase(enum.StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


def phase(poll: Poll, now: datetime | None = None) -> Phase:
    now = now or utcnow()
    if now < poll.opens_at:
        return Phase.UPCOMING
    if now < poll.closes_at:
        return Phase.OPEN
    return Phase.CLOSED


def audience_of(poll: Poll) -> audiences.Audience:
    return audiences.Audience(
        kind=poll.audience_kind.value,
        group_ids=tuple(poll.group_ids),
        age_bands=tuple(poll.age_bands),
    )


def may_create(user) -> bool:
    """Facilitators and Youth Parliament members open polls."""
    return is_facilitator(user) or is_admin(user) or is_parliamentarian(user)


def manages(user, poll: Poll) -> bool:
    """Its author, an admin, or a facilitator of one of its groups (or of any group, for
    polls open to everyone)."""
    if not is_signed_in(user):
        return False
    if is_admin(user) or poll.author_id == user.id:
        return True
    if not is_facilitator(user):
        return False
    if poll.audience_kind.value != "groups":
        return True
    from youthportal.accounts.models import Group

    return any(
        facilitates_group(user, group)
        for group in db.session.scalars(select(Group).where(Group.id.in_(poll.group_ids)))
    )


def may_view(user, poll: Poll) -> bool:
    """The audience sees the poll (members still waiting for a guardian too: they read, but
    vote only once consent is given); so do those who organise it. Facilitators of other
    groups and policy-makers do not."""
    if not is_signed_in(user) or is_policy_maker(user):
        return False
    if manages(user, poll):
        return True
    return audiences.includes(audience_of(poll), user, active_only=False)


def may_vote(user, poll: Poll) -> bool:
    return phase(poll) == Phase.OPEN and audiences.includes(audience_of(poll), user)


def has_voted(user, poll: Poll) -> bool:
    return is_signed_in(user) and db.session.get(Participation, (poll.id, user.id)) is not None


def results_visible(user, poll: Poll, *, voted: bool | None = None) -> bool:
    """Hidden results stay hidden for everyone (admins included) until the poll closes."""
    current = phase(poll)
    if current == Phase.CLOSED:
        return True
    if current == Phase.UPCOMING:
        return False
    if poll.results_visibility == ResultsVisibility.LIVE:
        return True
    if poll.results_visibility == ResultsVisibility.AFTER_VOTE:
        return has_voted(user, poll) if voted is None else voted
    return False


def has_ballots(poll: Poll) -> bool:
    return (
        db.session.scalar(select(Ballot.id).where(Ballot.poll_id == poll.id).limit(1)) is not None
    )


def may_edit_setup(poll: Poll) -> bool:
    """Method and options are fixed once the first ballot is in."""
    return not has_ballots(poll)
