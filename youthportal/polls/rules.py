"""What a poll allows now, and to whom: its phase from its dates, its audience, and who may
see its results. Views and templates ask these predicates; nothing else decides."""

import enum
from datetime import datetime

from sqlalchemy import select

from youthportal.core import audience as audiences
from youthportal.core.model_base import utcnow
from youthportal.core.permissions import (
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


# Who sees and organises it is shared with consultations and polls (core.audience).
audience_of = audiences.of
may_create = audiences.may_open
manages = audiences.organises
may_view = audiences.may_view


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
